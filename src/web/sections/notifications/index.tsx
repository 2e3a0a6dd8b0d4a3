import { Stack, Typography } from '@mui/material';
import { EmailCard } from './EmailCard';
import { DailyReportCard } from './DailyReportCard';
import { WebhooksCard } from './WebhooksCard';
import { FrequentCallsCard } from './FrequentCallsCard';

// Notifications: every switch grouped by channel. Switches that currently have no effect stay editable
// and say why (decision 10).
export default function NotificationsSection() {
  return (
    <Stack spacing={3}>
      <Typography variant="h5" component="h1">
        Notifications
      </Typography>
      <EmailCard />
      <DailyReportCard />
      <WebhooksCard />
      <FrequentCallsCard />
    </Stack>
  );
}
