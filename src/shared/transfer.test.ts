import { describe, expect, it } from 'vitest';
import type { Project } from './schemas/project';
import { toFormValues } from './form';
import { buildPatch } from './patch';
import { applySettingsToDraft, exportSettings, parseSettingsImport, settingsOfSections } from './transfer';
import { searchSettings } from './settings-search';

const source = {
  id: 1,
  name: 'Acme',
  is_deleted: false,
  timezone: 'America/New_York',
  sample_rate: 0.25,
  notify_daily_report: true,
  daily_report_dashboard_ids: [4, 5],
  webhook_url: 'https://hooks.example.com/cekura',
  webhook_secret: 'legacy-clear-text',
  webhook_secret_configured: true,
  vapi_api_key_configured: true,
  notify_no_calls: true,
  no_calls_notify_time_period: {
    time_zone: 'UTC',
    time_periods: [{ start_time: '09:00', end_time: '17:00', time_frame: 30 }],
  },
  rubric_config: { evaluation_logic: 'and', rules: [] },
} as unknown as Project;

const target = {
  id: 2,
  name: 'Bolt',
  is_deleted: false,
  timezone: 'Europe/Berlin',
  sample_rate: 1,
  notify_daily_report: false,
  webhook_url: '',
} as unknown as Project;

describe('exportSettings / parseSettingsImport', () => {
  it('exports settings without secrets, name or state, and reads them back', () => {
    const file = exportSettings(source, new Date('2026-11-28T10:00:00Z'));
    expect(file.project).toEqual({ id: 1, name: 'Acme' });
    expect(file.exported_at).toBe('2026-11-28T10:00:00.000Z');
    const text = JSON.stringify(file);
    expect(text).not.toContain('legacy-clear-text');
    expect(Object.keys(file.settings)).not.toEqual(expect.arrayContaining(['name']));
    expect(file.settings).not.toHaveProperty('webhook_secret_configured');
    const read = parseSettingsImport(text);
    expect(read.errors).toEqual([]);
    expect(read.settings).toEqual(file.settings);
  });

  it('refuses unknown fields, secrets, invalid values and foreign files with messages', () => {
    const file = exportSettings(source) as unknown as { settings: Record<string, unknown> };
    file.settings.synthflow_api_key = 'x';
    file.settings.vapi_api_key = 'sk';
    file.settings.sample_rate = 7;
    const read = parseSettingsImport(JSON.stringify(file));
    expect(read.errors).toHaveLength(3);
    expect(read.errors).toEqual(
      expect.arrayContaining([
        'Unknown field "synthflow_api_key".',
        expect.stringContaining('"vapi_api_key" cannot be imported'),
        expect.stringContaining('Sample rate (%) (sample_rate)'),
      ]),
    );
    expect(read.settings).not.toHaveProperty('sample_rate');
    expect(parseSettingsImport('{"a":1}').errors).toEqual(['This is not a settings file exported by this console.']);
    expect(parseSettingsImport('not json').errors[0]).toMatch(/not JSON/);
  });
});

describe('applySettingsToDraft', () => {
  it('imported into another project, the draft differs by exactly the differing settings', () => {
    const draft = applySettingsToDraft(
      toFormValues(target),
      parseSettingsImport(JSON.stringify(exportSettings(source))).settings,
    );
    const patch = buildPatch(target, draft);
    expect(patch).not.toHaveProperty('name');
    expect(patch).toMatchObject({
      timezone: 'America/New_York',
      sample_rate: 0.25,
      notify_daily_report: true,
      webhook_url: 'https://hooks.example.com/cekura',
    });
    expect(Object.keys(patch).some((key) => key.endsWith('_key') || key === 'webhook_secret')).toBe(false);
  });

  it('copies only the chosen sections', () => {
    const draft = applySettingsToDraft(toFormValues(target), settingsOfSections(source, ['notifications']));
    expect(Object.keys(buildPatch(target, draft)).sort()).toEqual([
      'daily_report_dashboard_ids',
      'notify_daily_report',
      'webhook_url',
    ]);
  });
});

describe('searchSettings', () => {
  it('finds a setting by label, field name or description', () => {
    expect(searchSettings('daily report')[0]?.field).toBe('notify_daily_report');
    expect(searchSettings('syntflow')[0]?.field).toBe('syntflow_api_key');
    expect(searchSettings('X-CEKURA-SECRET')[0]?.field).toBe('webhook_secret');
    expect(searchSettings('sample')[0]).toMatchObject({
      field: 'sample_rate',
      section: 'limits',
      sectionLabel: 'Limits',
    });
    expect(searchSettings('zzz')).toEqual([]);
  });
});
