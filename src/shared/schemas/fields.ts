// Every writable Project field, recorded once: the section that owns it, how the console edits it,
// its visible label and, where the vendor's description says more than the label, that description.
// The owner decides the changed badges, the review's grouping and which section's form shows the field.

export const SECTION_IDS = ['general', 'limits', 'notifications', 'no-calls', 'integrations', 'rubric'] as const;
export type SectionId = (typeof SECTION_IDS)[number];

export const SECTION_LABELS: Record<SectionId, string> = {
  general: 'General',
  limits: 'Limits',
  notifications: 'Notifications',
  'no-calls': 'No-calls schedule',
  integrations: 'Integrations',
  rubric: 'Rubric builder',
};

/** How a field is edited and compared: its behaviour is the kind's entry in src/shared/field-kinds.ts. */
export type FieldKind =
  'boolean' | 'string' | 'timezone' | 'url' | 'int' | 'percent' | 'secret' | 'int-set' | 'rubric' | 'no-calls';

export interface FieldSpec {
  section: SectionId;
  kind: FieldKind;
  label: string;
  description?: string;
}

// Generic in the kind, so that each field's form value type is exact (a switch is a boolean, not a union).
type Spec<S extends SectionId, K extends FieldKind> = { section: S; kind: K; label: string; description?: string };
const general = <K extends FieldKind>(kind: K, label: string, description?: string): Spec<'general', K> => ({
  section: 'general',
  kind,
  label,
  description,
});
const limits = (label: string, description?: string): Spec<'limits', 'int'> => ({
  section: 'limits',
  kind: 'int',
  label,
  description,
});
function notify(label: string, description?: string): Spec<'notifications', 'boolean'>;
function notify<K extends FieldKind>(label: string, description: string | undefined, kind: K): Spec<'notifications', K>;
function notify(label: string, description?: string, kind: FieldKind = 'boolean'): FieldSpec {
  return { section: 'notifications', kind, label, description };
}
const providerKey = (label: string): Spec<'integrations', 'secret'> => ({
  section: 'integrations',
  kind: 'secret',
  label,
});

export const PROJECT_FIELDS = {
  name: general('string', 'Name'),
  timezone: general('timezone', 'Time zone', 'The project time zone (IANA name), used for schedules and reports.'),
  evaluate_relevant_metrics_enabled: general('boolean', 'Evaluate relevant metrics'),
  end_call_enabled: general('boolean', 'End call'),
  generate_scenario_auto_assign_numbers_enabled: general('boolean', 'Auto-assign numbers to generated scenarios'),
  enable_client_side_testing: general('boolean', 'Client-side testing'),
  should_show_powered_by: general('boolean', 'Show "Powered by Cekura"'),
  use_provider_transcript: general(
    'boolean',
    'Use provider transcript',
    "Evaluations use the provider's transcript instead of Cekura's transcript with provider-side tool calls. Off by default.",
  ),
  is_deleted: general(
    'boolean',
    'Deleted',
    'Soft-delete flag (the emulator keeps a deleted project listed and restorable; Cekura does not document it).',
  ),

  outbound_timeout: limits(
    'Outbound timeout (s)',
    'Seconds to wait for an outbound call to connect; at most 300 (5 minutes).',
  ),
  max_call_duration: limits('Maximum call duration (s)'),
  min_call_duration: limits('Minimum call duration (s)'),
  sample_rate: {
    section: 'limits',
    kind: 'percent',
    label: 'Sample rate (%)',
    description:
      'Share of calls whose metrics are evaluated. 100% evaluates every call; up to 3 decimals (0.001% is the finest step).',
  },
  max_messages_chat_runs_limit: limits('Chat message limit', 'Maximum number of messages in a chat run.'),

  is_send_emails_enabled: notify('Send emails', 'Master switch for every email notification of this project.'),
  notify_results_completion: notify('Result completion'),
  notify_cron_success: notify('Scheduled run succeeded'),
  notify_cron_failure: notify('Scheduled run failed'),
  notify_daily_report: notify('Daily report'),
  notify_daily_report_no_calls: notify('Send even with no calls', 'Send the daily report even on a day without calls.'),
  daily_report_ai_summary_enabled: notify(
    'AI summary',
    'Replaces the report\'s data dump with an AI-narrated "Top Issues" section in Slack and email. Off by default.',
  ),
  notify_daily_report_webhook: notify('Send as webhook', 'Also deliver the daily report to the project webhook.'),
  daily_report_dashboard_ids: notify(
    'Dashboards in the daily report',
    'Dashboards included as visual snapshots in the daily report.',
    'int-set',
  ),
  notify_frequent_calls_for_number: notify('Alert on frequent calls from one number'),
  frequent_calls_threshold: notify('Threshold (calls)', undefined, 'int'),
  frequent_calls_time_period: notify('Time period', undefined, 'int'),
  frequent_calls_cooldown: notify('Cooldown', undefined, 'int'),
  webhook_url: notify('Webhook URL', 'Cekura sends run, scheduled-run and call-log events here.', 'url'),
  webhook_secret: notify(
    'Webhook secret',
    'Sent by Cekura in the X-CEKURA-SECRET header when calling the webhook.',
    'secret',
  ),
  notify_pre_run_webhook: notify(
    'Pre-run webhook',
    'A webhook at the start of a run, before calls dispatch, to configure an external test sandbox.',
  ),
  notify_result_webhook_success: notify('Result: success'),
  notify_result_webhook_failed: notify('Result: failed'),
  notify_result_webhook_error: notify('Result: error', 'Runs with an error message.'),
  notify_cronjob_webhook_success: notify('Scheduled run: success'),
  notify_cronjob_webhook_failed: notify('Scheduled run: failed'),
  notify_cronjob_webhook_error: notify('Scheduled run: error', 'Runs with an error message.'),
  notify_call_log_webhook_success: notify('Call log: success'),
  notify_call_log_webhook_failed: notify('Call log: failed'),
  forward_vapi_webhook: notify('Forward Vapi webhooks'),
  forward_retell_webhook: notify('Forward Retell webhooks'),

  notify_no_calls: { section: 'no-calls', kind: 'boolean', label: 'Alert when no calls arrive' },
  no_calls_notify_time_period: { section: 'no-calls', kind: 'no-calls', label: 'No-calls schedule' },

  vapi_api_key: providerKey('Vapi private API key'),
  retell_api_key: providerKey('Retell API key'),
  syntflow_api_key: providerKey('Synthflow API key'),
  elevenlabs_api_key: providerKey('ElevenLabs API key'),
  livekit_api_key: providerKey('LiveKit API key'),
  pipecat_api_key: providerKey('Pipecat (Daily.co) API key'),

  rubric_config: { section: 'rubric', kind: 'rubric', label: 'Rubric' },
} as const satisfies Record<string, FieldSpec>;

export type ProjectField = keyof typeof PROJECT_FIELDS;
export const PROJECT_FIELD_NAMES = Object.keys(PROJECT_FIELDS) as ProjectField[];

/** The fields of the given kinds. */
export type FieldOfKind<K extends FieldKind> = {
  [F in ProjectField]: (typeof PROJECT_FIELDS)[F]['kind'] extends K ? F : never;
}[ProjectField];

/** Rules between fields, declared beside them: `lower` may not exceed `upper` (both whole-number fields). */
export const FIELD_BOUNDS: readonly { lower: FieldOfKind<'int'>; upper: FieldOfKind<'int'>; message: string }[] = [
  {
    lower: 'min_call_duration',
    upper: 'max_call_duration',
    message: 'The minimum call duration must not exceed the maximum.',
  },
];

/** The fields a field is checked against (to re-check them when it changes). */
export const boundPartnersOf = (field: ProjectField): ProjectField[] =>
  FIELD_BOUNDS.flatMap((b) => (b.lower === field ? [b.upper] : b.upper === field ? [b.lower] : []));

/** Fields the API returns but never accepts. */
export const READ_ONLY_FIELDS = [
  'id',
  'organization',
  'members',
  'created_at',
  'updated_at',
  'webhook_secret_configured',
  'vapi_api_key_configured',
  'vapi_public_key_configured',
  'retell_api_key_configured',
  'syntflow_api_key_configured',
  'elevenlabs_api_key_configured',
  'livekit_api_key_configured',
  'pipecat_api_key_configured',
] as const;

/** Accepted by the API, never returned (and never sent by this console). */
export const NEVER_SENT_FIELDS = ['organization_id'] as const;

export const SECRET_FIELDS = PROJECT_FIELD_NAMES.filter((field) => PROJECT_FIELDS[field].kind === 'secret');

/** The read-only status flag that reports whether a write-only secret is stored. */
export const configuredFlagOf = (secret: ProjectField): string => `${secret}_configured`;

export function fieldsOfSection(section: SectionId): ProjectField[] {
  return PROJECT_FIELD_NAMES.filter((field) => PROJECT_FIELDS[field].section === section);
}
