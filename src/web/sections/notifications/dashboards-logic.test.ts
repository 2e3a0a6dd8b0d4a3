import { describe, expect, it } from 'vitest';
import { buildPatch, dirtyFields } from '../../../shared/patch';
import { toFormValues } from '../../../shared/form';
import { dashboardChoices } from './dashboards-logic';

const dashboards = [
  { id: 3, name: 'Quality', project: 1 },
  { id: 5, name: 'Latency', project: 1 },
  { id: 8, name: 'Quality', project: 1 },
  { id: 9, name: null, project: 1 },
];

describe('dashboardChoices', () => {
  it('labels by name, disambiguating equal names with the id', () => {
    const choices = dashboardChoices(dashboards, [5]);
    expect(choices.options).toEqual([3, 5, 8, 9]);
    expect(choices.options.map(choices.labelOf)).toEqual([
      'Quality (#3)',
      'Latency',
      'Quality (#8)',
      'Untitled dashboard',
    ]);
    expect(choices.missing).toEqual([]);
  });

  it('keeps a selected id the list lacks, as "#id (not found)", offered until removed', () => {
    const choices = dashboardChoices(dashboards, [5, 42, 42]);
    expect(choices.options).toEqual([3, 5, 8, 9, 42]);
    expect(choices.labelOf(42)).toBe('#42 (not found)');
    expect(choices.missing).toEqual([42, 42]);
    expect(dashboardChoices(dashboards, [5]).options).not.toContain(42);
  });

  it('while the list is unknown, shows "#id" and calls nothing missing', () => {
    const choices = dashboardChoices(undefined, [7]);
    expect(choices.labelOf(7)).toBe('#7');
    expect(choices.missing).toEqual([]);
    expect(choices.options).toEqual([7]);
  });
});

describe('dashboard ids in the PATCH', () => {
  it('reordering the selection is not a change; a different set is sent as picked', () => {
    const base = { id: 1, daily_report_dashboard_ids: [3, 5] };
    const values = toFormValues(base);
    expect(dirtyFields(base, { ...values, daily_report_dashboard_ids: [5, 3] })).toEqual([]);
    expect(buildPatch(base, { ...values, daily_report_dashboard_ids: [8, 3] })).toEqual({
      daily_report_dashboard_ids: [8, 3],
    });
  });
});
