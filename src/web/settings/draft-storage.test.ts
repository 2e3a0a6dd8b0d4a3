import { describe, expect, it } from 'vitest';
import { toFormValues } from '../../shared/form';
import { draftFormValues, parseDraft, serializeDraft } from './draft-storage';
import { testProject } from './test-project';

describe('the stored draft', () => {
  const project = testProject({ webhook_secret: 'whsec_returned_in_clear', updated_at: '2026-01-02T03:04:05Z' });
  const snapshot = { project, etag: '"v1"' };
  const baseValues = toFormValues(project);

  it('holds only edited fields and the base, and never a secret (typed or returned)', () => {
    const values = {
      ...baseValues,
      name: 'Acme EU',
      sample_rate: '12.5',
      daily_report_dashboard_ids: [7709, 7702], // reordered only: not an edit
      vapi_api_key: { mode: 'replace' as const, value: 'sk-typed-secret' },
      webhook_secret: { mode: 'clear' as const },
    };
    const text = serializeDraft(snapshot, baseValues, values, new Date('2026-01-02T10:00:00Z'))!;
    expect(text).not.toContain('sk-typed-secret');
    expect(text).not.toContain('whsec_returned_in_clear');
    expect(text).not.toMatch(/vapi_api_key|"webhook_secret"/);
    const stored = JSON.parse(text);
    expect(Object.keys(stored.values)).toEqual(['name', 'sample_rate']);
    expect(stored.base).toMatchObject({ etag: '"v1"', updatedAt: '2026-01-02T03:04:05Z' });
    expect(stored.base.project.rubric_config).toEqual(project.rubric_config);
  });

  it('is nothing (removed) when only a secret or nothing is edited', () => {
    expect(serializeDraft(snapshot, baseValues, baseValues)).toBeNull();
    expect(
      serializeDraft(snapshot, baseValues, { ...baseValues, retell_api_key: { mode: 'replace', value: 'x' } }),
    ).toBeNull();
  });

  it('reads back what it wrote: the base and the edits on top, rules in their stored key order', () => {
    const rules = [
      { conditions: { conditions: [{ value: 3, op: 'gte', field: 'score' }], operator: 'and' }, metric_id: 48213 },
    ];
    const values = { ...baseValues, max_call_duration: '600', rubric_config: { rules, evaluation_logic: 'and' } };
    const draft = parseDraft(serializeDraft(snapshot, baseValues, values))!;
    expect(draft.base.etag).toBe('"v1"');
    expect(draft.values).toEqual({ max_call_duration: '600', rubric_config: { rules, evaluation_logic: 'and' } });
    expect(JSON.stringify(draft.values.rubric_config)).toBe(JSON.stringify({ rules, evaluation_logic: 'and' }));
    const restored = draftFormValues(draft);
    expect(restored.max_call_duration).toBe('600');
    expect(restored.name).toBe('Acme Support Line');
    expect(restored.webhook_secret).toEqual({ mode: 'keep' });
  });

  it('refuses unreadable text and drops values of the wrong shape or unknown fields', () => {
    expect(parseDraft(null)).toBeNull();
    expect(parseDraft('{not json')).toBeNull();
    expect(parseDraft(JSON.stringify({ version: 2, values: {} }))).toBeNull();
    const tampered = JSON.stringify({
      version: 1,
      savedAt: 'x',
      base: { etag: '"v1"', project: { id: 1837, name: 'A' } },
      values: {
        name: 'B',
        max_call_duration: 600,
        vapi_api_key: { mode: 'replace', value: 'k' },
        bogus: 1,
        daily_report_dashboard_ids: ['7'],
      },
    });
    expect(parseDraft(tampered)!.values).toEqual({ name: 'B' });
  });
});
