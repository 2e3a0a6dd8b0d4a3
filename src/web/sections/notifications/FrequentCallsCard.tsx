import { SectionCard } from '../../components/SectionCard';
import { SwitchField } from './SwitchField';
import { IntField } from './IntField';
import { FREQUENT_CALLS_SETTINGS } from './logic';

export function FrequentCallsCard() {
  return (
    <SectionCard title="Frequent calls from one number">
      <SwitchField name="notify_frequent_calls_for_number" />
      {FREQUENT_CALLS_SETTINGS.map((name) => (
        <IntField key={name} name={name} />
      ))}
    </SectionCard>
  );
}
