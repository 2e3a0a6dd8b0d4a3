import { describe, expect, it } from 'vitest';
import type { Project } from '../../shared/schemas/project';
import { toFormValues } from '../../shared/form';
import { applySettingsToDraft, exportSettings } from '../../shared/transfer';
import { changedFields, countBySection, exportFileName, rulesWithUnknownMetrics, slugOf } from './transfer-logic';

const rule = (metricId: unknown) => ({
  metric_id: metricId,
  conditions: { operator: 'and', conditions: [{ field: 'score', op: 'eq', value: 5 }] },
});

describe('export file name', () => {
  it('is cekura-<id>-<slug>-settings-<date>.json', () => {
    const file = exportSettings(
      { id: 1837, name: 'Acme Support Line' } as unknown as Project,
      new Date('2026-11-28T23:59:00Z'),
    );
    expect(exportFileName(file)).toBe('cekura-1837-acme-support-line-settings-2026-11-28.json');
  });

  it('slugs accents, symbols and empty names safely', () => {
    expect(slugOf('  Acme Línea en Español / 24×7! ')).toBe('acme-linea-en-espanol-24-7');
    expect(slugOf('…')).toBe('project');
    expect(slugOf('x'.repeat(80))).toHaveLength(48);
  });
});

describe('changedFields / countBySection', () => {
  const target = {
    id: 2,
    name: 'Bolt',
    timezone: 'Europe/Berlin',
    notify_daily_report: false,
    daily_report_dashboard_ids: [1, 2],
    notify_no_calls: false,
  } as unknown as Project;

  it('lists exactly the fields the settings change; sets ignore order', () => {
    const before = toFormValues(target);
    const after = applySettingsToDraft(before, {
      timezone: 'Europe/Berlin',
      notify_daily_report: true,
      daily_report_dashboard_ids: [2, 1],
      notify_no_calls: true,
    });
    expect(changedFields(before, after).sort()).toEqual(['notify_daily_report', 'notify_no_calls']);
  });

  it('counts per section in navigation order', () => {
    expect(countBySection(['notify_no_calls', 'notify_daily_report', 'webhook_url', 'timezone'])).toEqual([
      { section: 'general', count: 1 },
      { section: 'notifications', count: 2 },
      { section: 'no-calls', count: 1 },
    ]);
  });
});

describe('rulesWithUnknownMetrics', () => {
  it('counts rules whose metric the project lacks; malformed rules are left to the builder', () => {
    const config = { evaluation_logic: 'and', rules: [rule(1), rule(2), rule(99), rule('x'), null] };
    expect(rulesWithUnknownMetrics(config, new Set([1, 2]))).toBe(1);
    expect(rulesWithUnknownMetrics(config, new Set())).toBe(3);
    expect(rulesWithUnknownMetrics({}, new Set())).toBe(0);
  });
});
