import type { ProjectField } from '../../../shared/schemas/project';

/** A field edited as a switch (a unit test checks each list below against PROJECT_FIELDS kinds). */
export type BooleanFieldName = ProjectField;

// The webhook events as one grid: rows are the event sources, columns the outcomes. Cekura has no
// "error" event for call logs, so that cell is null (shown as n/a).
export const WEBHOOK_EVENT_COLUMNS = [
  { id: 'success', label: 'Success' },
  { id: 'failed', label: 'Failed' },
  { id: 'error', label: 'Error' },
] as const;

export type WebhookOutcome = (typeof WEBHOOK_EVENT_COLUMNS)[number]['id'];

export interface WebhookEventRow {
  label: string;
  cells: Record<WebhookOutcome, BooleanFieldName | null>;
}

export const WEBHOOK_EVENT_ROWS: readonly WebhookEventRow[] = [
  {
    label: 'Result',
    cells: {
      success: 'notify_result_webhook_success',
      failed: 'notify_result_webhook_failed',
      error: 'notify_result_webhook_error',
    },
  },
  {
    label: 'Scheduled run',
    cells: {
      success: 'notify_cronjob_webhook_success',
      failed: 'notify_cronjob_webhook_failed',
      error: 'notify_cronjob_webhook_error',
    },
  },
  {
    label: 'Call log',
    cells: { success: 'notify_call_log_webhook_success', failed: 'notify_call_log_webhook_failed', error: null },
  },
];

export const WEBHOOK_EVENT_FIELDS: BooleanFieldName[] = WEBHOOK_EVENT_ROWS.flatMap((row) =>
  WEBHOOK_EVENT_COLUMNS.map((column) => row.cells[column.id]).filter(
    (field): field is BooleanFieldName => field !== null,
  ),
);

export const EMAIL_SWITCHES = [
  'notify_results_completion',
  'notify_cron_success',
  'notify_cron_failure',
] as const satisfies BooleanFieldName[];

export const DAILY_REPORT_OPTIONS = [
  'notify_daily_report_no_calls',
  'daily_report_ai_summary_enabled',
  'notify_daily_report_webhook',
  'daily_report_dashboard_ids',
] as const satisfies ProjectField[];

export const FREQUENT_CALLS_SETTINGS = [
  'frequent_calls_threshold',
  'frequent_calls_time_period',
  'frequent_calls_cooldown',
] as const satisfies ProjectField[];

/** Fields that only matter when the project has a webhook URL (decision 10). */
export const WEBHOOK_DEPENDENT: readonly ProjectField[] = [
  ...WEBHOOK_EVENT_FIELDS,
  'notify_pre_run_webhook',
  'notify_daily_report_webhook',
];

/** The form values a "no effect" reason depends on (watched by the section). */
export const NO_EFFECT_INPUTS = [
  'is_send_emails_enabled',
  'notify_daily_report',
  'webhook_url',
  'notify_frequent_calls_for_number',
] as const;
export type NoEffectInputs = Partial<Record<(typeof NO_EFFECT_INPUTS)[number], unknown>>;

const includes = (list: readonly string[], field: string) => list.includes(field);

/**
 * Why a setting currently has no effect (given the values in the form, i.e. what a save would store),
 * or undefined. The control stays editable (decision 10): this text explains, it never disables.
 */
export function noEffectReason(field: ProjectField, values: NoEffectInputs): string | undefined {
  const reasons: string[] = [];
  if (includes(EMAIL_SWITCHES, field) && values.is_send_emails_enabled !== true) reasons.push('"Send emails" is off');
  if (includes(DAILY_REPORT_OPTIONS, field) && values.notify_daily_report !== true)
    reasons.push('the daily report is off');
  if (includes(WEBHOOK_DEPENDENT, field) && String(values.webhook_url ?? '').trim() === '')
    reasons.push('there is no webhook URL');
  if (includes(FREQUENT_CALLS_SETTINGS, field) && values.notify_frequent_calls_for_number !== true)
    reasons.push('the frequent-calls alert is off');
  return reasons.length ? `No effect while ${reasons.join(' and ')}.` : undefined;
}

export interface RecipientLike {
  user?: { name?: string; email?: string } | null;
  is_email_notify_enabled?: boolean;
}

/** The members who receive this project's emails, as name + email lines (read-only display). */
export function emailRecipients(
  members: readonly RecipientLike[] | null | undefined,
): { name: string; email: string }[] {
  if (!Array.isArray(members)) return [];
  return members
    .filter((member) => member?.is_email_notify_enabled === true)
    .map((member) => ({
      name: member.user?.name?.trim() || '(no name)',
      email: member.user?.email?.trim() || '(no email)',
    }));
}

/** Why "Send test event" cannot run now, or undefined. Cekura tests the saved URL, not the form's. */
export function testWebhookBlocker(savedUrl: string, formUrl: string): string | undefined {
  if (formUrl.trim() !== savedUrl.trim()) return 'Save first: the test uses the saved URL.';
  if (savedUrl.trim() === '') return 'Set and save a webhook URL first.';
  return undefined;
}
