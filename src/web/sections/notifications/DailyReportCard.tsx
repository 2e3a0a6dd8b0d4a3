import { SectionCard } from '../../components/SectionCard';
import { SwitchField } from './SwitchField';
import { DashboardPicker } from './DashboardPicker';

export function DailyReportCard() {
  return (
    <SectionCard title="Daily report">
      <SwitchField name="notify_daily_report" />
      <SwitchField name="notify_daily_report_no_calls" />
      <SwitchField name="daily_report_ai_summary_enabled" />
      <SwitchField name="notify_daily_report_webhook" />
      <DashboardPicker />
    </SectionCard>
  );
}
