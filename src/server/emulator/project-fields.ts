// The Project object as the emulator stores and returns it: one entry per key, in the vendor spec's order
// (a test checks the order against src/shared/reference/cekura-openapi-subset.json).

/** How a writable field is validated (see validate/fields.ts). */
export type FieldKind = 'name' | 'timezone' | 'int' | 'rate' | 'bool' | 'url' | 'int-list' | 'no-calls' | 'rubric';

/** A key of the Project response or request. */
export type ProjectKey =
  | { key: string; role: 'column'; kind: FieldKind } // writable, stored as JSON text in its own column
  | { key: string; role: 'secret' } // write-only; stored apart, never returned (but in legacy mode, webhook_secret)
  | { key: string; role: 'configured'; secret: string } // read-only flag computed from a stored secret
  | { key: string; role: 'readonly' } // id, members, organization, created_at, updated_at
  | { key: string; role: 'create-only' }; // organization_id: only for creating projects, ignored on PATCH

const col = (key: string, kind: FieldKind): ProjectKey => ({ key, role: 'column', kind });
const bool = (key: string): ProjectKey => col(key, 'bool');
const secret = (key: string): ProjectKey => ({ key, role: 'secret' });
const configured = (key: string, secretName: string): ProjectKey => ({ key, role: 'configured', secret: secretName });
const ro = (key: string): ProjectKey => ({ key, role: 'readonly' });

export const PROJECT_KEYS: readonly ProjectKey[] = [
  ro('id'),
  col('name', 'name'),
  ro('members'),
  ro('organization'),
  { key: 'organization_id', role: 'create-only' },
  col('outbound_timeout', 'int'),
  col('max_call_duration', 'int'),
  col('min_call_duration', 'int'),
  col('sample_rate', 'rate'),
  col('max_messages_chat_runs_limit', 'int'),
  col('webhook_url', 'url'),
  secret('webhook_secret'),
  configured('webhook_secret_configured', 'webhook_secret'),
  bool('evaluate_relevant_metrics_enabled'),
  bool('end_call_enabled'),
  bool('generate_scenario_auto_assign_numbers_enabled'),
  bool('enable_client_side_testing'),
  bool('use_provider_transcript'),
  bool('should_show_powered_by'),
  bool('notify_results_completion'),
  bool('notify_daily_report'),
  bool('notify_daily_report_no_calls'),
  bool('daily_report_ai_summary_enabled'),
  bool('notify_cron_failure'),
  bool('notify_cron_success'),
  bool('notify_no_calls'),
  col('no_calls_notify_time_period', 'no-calls'),
  bool('notify_daily_report_webhook'),
  bool('notify_pre_run_webhook'),
  col('daily_report_dashboard_ids', 'int-list'),
  bool('notify_result_webhook_failed'),
  bool('notify_result_webhook_success'),
  bool('notify_result_webhook_error'),
  bool('notify_cronjob_webhook_failed'),
  bool('notify_cronjob_webhook_success'),
  bool('notify_cronjob_webhook_error'),
  bool('notify_call_log_webhook_failed'),
  bool('notify_call_log_webhook_success'),
  bool('notify_frequent_calls_for_number'),
  col('frequent_calls_threshold', 'int'),
  col('frequent_calls_time_period', 'int'),
  col('frequent_calls_cooldown', 'int'),
  bool('forward_vapi_webhook'),
  bool('forward_retell_webhook'),
  bool('is_send_emails_enabled'),
  col('rubric_config', 'rubric'),
  col('timezone', 'timezone'),
  secret('vapi_api_key'),
  configured('vapi_api_key_configured', 'vapi_api_key'),
  // The public key has a status only: no writable field in the API.
  configured('vapi_public_key_configured', 'vapi_public_key'),
  secret('retell_api_key'),
  configured('retell_api_key_configured', 'retell_api_key'),
  secret('syntflow_api_key'),
  configured('syntflow_api_key_configured', 'syntflow_api_key'),
  secret('elevenlabs_api_key'),
  configured('elevenlabs_api_key_configured', 'elevenlabs_api_key'),
  secret('livekit_api_key'),
  configured('livekit_api_key_configured', 'livekit_api_key'),
  secret('pipecat_api_key'),
  configured('pipecat_api_key_configured', 'pipecat_api_key'),
  bool('is_deleted'),
  ro('created_at'),
  ro('updated_at'),
];

/** Writable, stored fields (one SQLite column each, holding the JSON text of the value). */
export const COLUMN_FIELDS = PROJECT_KEYS.filter(
  (k): k is Extract<ProjectKey, { role: 'column' }> => k.role === 'column',
);
export const COLUMN_NAMES: readonly string[] = COLUMN_FIELDS.map((f) => f.key);

/** Write-only secrets accepted by PATCH. */
export const WRITABLE_SECRETS: readonly string[] = PROJECT_KEYS.filter((k) => k.role === 'secret').map((k) => k.key);

/** Every secret the store may hold (the writable ones plus the status-only public key). */
export const STORED_SECRETS: readonly string[] = [...WRITABLE_SECRETS, 'vapi_public_key'];

/** Column values (as JS values) a project gets when a seed does not say otherwise. */
export const COLUMN_DEFAULTS: Readonly<Record<string, unknown>> = {
  name: 'Default Project',
  outbound_timeout: 300,
  max_call_duration: 300,
  min_call_duration: 30,
  sample_rate: 1.0,
  max_messages_chat_runs_limit: 100,
  webhook_url: '',
  no_calls_notify_time_period: {},
  daily_report_dashboard_ids: [],
  frequent_calls_threshold: 5,
  frequent_calls_time_period: 60,
  frequent_calls_cooldown: 1440,
  rubric_config: {},
  timezone: 'UTC',
  should_show_powered_by: true,
  evaluate_relevant_metrics_enabled: true,
  is_send_emails_enabled: true,
};
