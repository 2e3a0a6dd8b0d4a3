import { PROJECT_FIELDS } from '../../../shared/schemas/project';
import SecretField from '../../components/SecretField';
import { useProjectContext } from '../../settings/project-context';
import { secretStatus } from '../../components/secret-status';
import { SectionCard } from '../../components/SectionCard';
import { SwitchField } from './SwitchField';
import { TestWebhook } from './TestWebhook';
import { WebhookEventGrid } from './WebhookEventGrid';
import { WebhookUrlField } from './WebhookUrlField';

export function WebhooksCard() {
  const { project } = useProjectContext();
  return (
    <SectionCard title="Webhooks">
      <WebhookUrlField />
      <SecretField
        name="webhook_secret"
        label={PROJECT_FIELDS.webhook_secret.label}
        description={PROJECT_FIELDS.webhook_secret.description}
        status={secretStatus(project, 'webhook_secret')}
      />
      <SwitchField name="notify_pre_run_webhook" />
      <WebhookEventGrid />
      <SwitchField name="forward_vapi_webhook" />
      <SwitchField name="forward_retell_webhook" />
      <TestWebhook />
    </SectionCard>
  );
}
