import { Divider, Stack, Typography } from '@mui/material';
import { isConfiguredFlag, PROJECT_FIELDS } from '../../../shared/schemas/project';
import SecretField from '../../components/SecretField';
import { useProjectContext } from '../../settings/project-context';
import { SectionCard } from '../../components/SectionCard';
import { PROVIDER_KEY_FIELDS, secretStatus, statusText } from '../../components/secret-status';

// Integrations: the voice providers' API keys. Write-only: the console shows whether each is stored,
// sends a key only when the user replaces or clears it, and never displays a stored key.
export default function IntegrationsSection() {
  const { project } = useProjectContext();
  return (
    <Stack spacing={3}>
      <Typography variant="h5" component="h1">
        Integrations
      </Typography>
      <SectionCard
        title="Provider API keys"
        intro="Stored keys are never shown. A key you do not touch is not sent when you save."
      >
        <Stack divider={<Divider flexItem />}>
          {PROVIDER_KEY_FIELDS.map((name) => (
            <SecretField
              key={name}
              name={name}
              label={PROJECT_FIELDS[name].label}
              status={secretStatus(project, name)}
            />
          ))}
        </Stack>
      </SectionCard>
      <SectionCard title="Vapi public key" intro="Read-only: the API reports only whether it is set.">
        <Typography variant="body2">
          Status: <strong>{statusText({ configured: isConfiguredFlag(project.vapi_public_key_configured) })}</strong>
        </Typography>
      </SectionCard>
    </Stack>
  );
}
