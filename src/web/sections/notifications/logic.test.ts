import { describe, expect, it } from 'vitest';
import { fieldsOfSection, PROJECT_FIELDS } from '../../../shared/schemas/project';
import {
  DAILY_REPORT_OPTIONS,
  EMAIL_SWITCHES,
  emailRecipients,
  noEffectReason,
  WEBHOOK_EVENT_COLUMNS,
  WEBHOOK_EVENT_FIELDS,
  WEBHOOK_EVENT_ROWS,
  testWebhookBlocker,
} from './logic';

const allOn = {
  is_send_emails_enabled: true,
  notify_daily_report: true,
  webhook_url: 'https://example.com/hook',
  notify_frequent_calls_for_number: true,
};

describe('webhook event grid', () => {
  it('holds every notify_*_webhook_{success,failed,error} event field exactly once, all switches', () => {
    const eventFields = fieldsOfSection('notifications').filter((field) =>
      /^notify_(result|cronjob|call_log)_webhook_/.test(field),
    );
    expect([...WEBHOOK_EVENT_FIELDS].sort()).toEqual(eventFields.sort());
    expect(new Set(WEBHOOK_EVENT_FIELDS).size).toBe(WEBHOOK_EVENT_FIELDS.length);
    for (const field of WEBHOOK_EVENT_FIELDS) expect(PROJECT_FIELDS[field].kind).toBe('boolean');
  });

  it('puts each field in the row and column its name says; call logs have no error cell', () => {
    const prefixes = {
      Result: 'notify_result_webhook_',
      'Scheduled run': 'notify_cronjob_webhook_',
      'Call log': 'notify_call_log_webhook_',
    } as const;
    for (const row of WEBHOOK_EVENT_ROWS) {
      for (const column of WEBHOOK_EVENT_COLUMNS) {
        const field = row.cells[column.id];
        if (field) expect(field).toBe(`${prefixes[row.label as keyof typeof prefixes]}${column.id}`);
      }
    }
    expect(WEBHOOK_EVENT_ROWS.find((row) => row.label === 'Call log')?.cells.error).toBeNull();
    expect(WEBHOOK_EVENT_ROWS.flatMap((row) => Object.values(row.cells)).filter((cell) => cell === null)).toHaveLength(
      1,
    );
  });
});

describe('noEffectReason (decision 10)', () => {
  it('says nothing when every prerequisite is on', () => {
    for (const field of fieldsOfSection('notifications')) expect(noEffectReason(field, allOn)).toBeUndefined();
  });

  it('marks the email switches while the master switch is off, not the master itself', () => {
    const values = { ...allOn, is_send_emails_enabled: false };
    for (const field of EMAIL_SWITCHES)
      expect(noEffectReason(field, values)).toBe('No effect while "Send emails" is off.');
    expect(noEffectReason('is_send_emails_enabled', values)).toBeUndefined();
  });

  it('marks the daily report options (dashboards included) while the daily report is off', () => {
    const values = { ...allOn, notify_daily_report: false };
    for (const field of DAILY_REPORT_OPTIONS)
      expect(noEffectReason(field, values)).toBe('No effect while the daily report is off.');
    expect(noEffectReason('notify_daily_report', values)).toBeUndefined();
  });

  it('marks webhook events, pre-run and the daily-report webhook without a URL (blank counts as none), not forwarding', () => {
    const values = { ...allOn, webhook_url: '   ' };
    for (const field of [...WEBHOOK_EVENT_FIELDS, 'notify_pre_run_webhook'] as const) {
      expect(noEffectReason(field, values)).toBe('No effect while there is no webhook URL.');
    }
    expect(noEffectReason('forward_vapi_webhook', values)).toBeUndefined();
    expect(noEffectReason('notify_daily_report_webhook', { ...values, notify_daily_report: false })).toBe(
      'No effect while the daily report is off and there is no webhook URL.',
    );
  });

  it('marks the frequent-calls settings while that alert is off', () => {
    const values = { ...allOn, notify_frequent_calls_for_number: false };
    expect(noEffectReason('frequent_calls_threshold', values)).toBe('No effect while the frequent-calls alert is off.');
    expect(noEffectReason('notify_frequent_calls_for_number', values)).toBeUndefined();
  });
});

describe('emailRecipients', () => {
  it('lists members with is_email_notify_enabled, as name and email', () => {
    const members = [
      { id: 1, user: { id: 1, name: 'Ada', email: 'ada@example.com' }, role: 'admin', is_email_notify_enabled: true },
      { id: 2, user: { id: 2, name: 'Bob', email: 'bob@example.com' }, role: 'member', is_email_notify_enabled: false },
      { id: 3, user: { id: 3, name: '', email: 'nobody@example.com' }, is_email_notify_enabled: true },
      { id: 4, is_email_notify_enabled: true },
    ];
    expect(emailRecipients(members)).toEqual([
      { name: 'Ada', email: 'ada@example.com' },
      { name: '(no name)', email: 'nobody@example.com' },
      { name: '(no name)', email: '(no email)' },
    ]);
    expect(emailRecipients(undefined)).toEqual([]);
    expect(emailRecipients(null)).toEqual([]);
  });
});

describe('testWebhookBlocker', () => {
  it('blocks while the form has an unsaved URL change, or no URL is saved', () => {
    expect(testWebhookBlocker('https://a.example/hook', 'https://a.example/hook')).toBeUndefined();
    expect(testWebhookBlocker('https://a.example/hook', 'https://b.example/hook')).toBe(
      'Save first: the test uses the saved URL.',
    );
    expect(testWebhookBlocker('https://a.example/hook', '')).toBe('Save first: the test uses the saved URL.');
    expect(testWebhookBlocker('', '')).toBe('Set and save a webhook URL first.');
  });
});
