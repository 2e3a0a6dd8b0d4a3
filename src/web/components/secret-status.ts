import { isSecretStored, type Project } from '../../shared/schemas/project';

// Listed by name (PROJECT_FIELDS types most kinds as the wide FieldKind); a unit test checks these lists
// against the registry's SECRET_FIELDS.
export const PROVIDER_KEY_FIELDS = [
  'vapi_api_key',
  'retell_api_key',
  'syntflow_api_key',
  'elevenlabs_api_key',
  'livekit_api_key',
  'pipecat_api_key',
] as const;

/** The write-only fields: the provider keys and webhook_secret. */
export type SecretFieldName = (typeof PROVIDER_KEY_FIELDS)[number] | 'webhook_secret';

/** What the console knows about a stored secret: whether one is stored and, in legacy mode, a masked hint. */
export interface SecretStatus {
  configured: boolean;
  /** Only when an older API version returned the secret itself: its last characters behind a mask. */
  masked?: string;
}

const MASK = '••••';

/**
 * Masks a secret the API returned in clear: at most its last 4 characters, and never more than a
 * third of it, so a short secret is not given away by its own hint.
 */
export function maskSecretValue(value: string): string {
  const shown = Math.min(4, Math.floor(value.length / 3));
  return shown > 0 ? `${MASK}${value.slice(-shown)}` : MASK;
}

/**
 * Status of a write-only secret: the `<field>_configured` flag, or (legacy API versions that returned
 * the value, e.g. webhook_secret before 2026-06-16) a non-empty returned value counts as configured.
 */
export function secretStatus(project: Project, field: SecretFieldName): SecretStatus {
  const returned = project[field];
  if (typeof returned === 'string' && returned !== '') return { configured: true, masked: maskSecretValue(returned) };
  return { configured: isSecretStored(project, field) };
}

export function statusText(status: SecretStatus): string {
  if (!status.configured) return 'Not set';
  return status.masked ? `Configured (${status.masked})` : 'Configured';
}
