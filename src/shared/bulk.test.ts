import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Project } from './schemas/project';
import { BULK_FIELDS, changedMeanwhile, planBulkChange } from './bulk';
import { retryDelayMs, runBounded } from './bulk-runner';
import { rulesOf } from './schemas/rubric';
import type { RefCatalog } from './id-mapping';

const rule = (metricId: number, value = 3) => ({
  metric_id: metricId,
  conditions: { operator: 'and', conditions: [{ field: 'score', op: 'gte', value }] },
});
const source: RefCatalog = {
  metric: [{ id: 1, name: 'Latency (ms)', type: 'numeric' }],
  dashboard: [{ id: 10, name: 'Daily overview' }],
  agent: [],
};
const targetCatalog: RefCatalog = {
  metric: [
    { id: 201, name: 'Latency (ms)', type: 'numeric' },
    { id: 202, name: 'Empathy', type: 'continuous_qualitative' },
  ],
  dashboard: [{ id: 210, name: 'Escalations' }],
  agent: [],
};
const target = {
  id: 2,
  name: 'Target',
  notify_cron_failure: false,
  frequent_calls_threshold: 3,
  daily_report_dashboard_ids: [210],
  rubric_config: { evaluation_logic: 'and', rules: [rule(202)] },
} as unknown as Project;

describe('planBulkChange', () => {
  it('changes only differing fields; unchanged when nothing differs', () => {
    const plan = planBulkChange(
      { notify_cron_failure: true, frequent_calls_threshold: 3 },
      source,
      target,
      targetCatalog,
      'add',
    );
    expect(plan).toEqual({
      kind: 'change',
      patch: { notify_cron_failure: true },
      fields: ['notify_cron_failure'],
      lostRules: [],
    });
    expect(planBulkChange({ notify_cron_failure: false }, source, target, targetCatalog, 'add')).toEqual({
      kind: 'unchanged',
    });
  });

  it('a target without a same-named item needs mapping (skipped, never asked)', () => {
    const plan = planBulkChange({ daily_report_dashboard_ids: [10] }, source, target, targetCatalog, 'add');
    expect(plan.kind).toBe('needs-mapping');
    expect(plan.kind === 'needs-mapping' && plan.rows.map((r) => r.id)).toEqual([10]);
  });

  it('rubric rules are translated per target and added, or replace with the lost rules listed', () => {
    const settings = { rubric_config: { evaluation_logic: 'and', rules: [rule(1, 1800)] } };
    const added = planBulkChange(settings, source, target, targetCatalog, 'add');
    expect(added.kind === 'change' && rulesOf(added.patch.rubric_config)).toEqual([rule(202), rule(201, 1800)]);
    expect(added.kind === 'change' && added.lostRules).toEqual([]);
    const replaced = planBulkChange(settings, source, target, targetCatalog, 'replace');
    expect(replaced.kind === 'change' && rulesOf(replaced.patch.rubric_config)).toEqual([rule(201, 1800)]);
    expect(replaced.kind === 'change' && replaced.lostRules).toEqual([rule(202)]);
  });

  it('never carries secrets or the webhook URL', () => {
    expect(BULK_FIELDS).not.toContain('webhook_url');
    expect(BULK_FIELDS).not.toContain('webhook_secret');
    expect(BULK_FIELDS).not.toContain('vapi_api_key');
  });
});

describe('changedMeanwhile', () => {
  it('names the chosen fields that moved, ignoring other fields', () => {
    const moved = { ...target, timezone: 'UTC', frequent_calls_threshold: 9 } as Project;
    expect(changedMeanwhile(target, moved, ['notify_cron_failure'])).toEqual([]);
    expect(changedMeanwhile(target, moved, ['notify_cron_failure', 'frequent_calls_threshold'])).toEqual([
      'frequent_calls_threshold',
    ]);
  });
});

describe('runBounded', () => {
  it('property: runs every item once, never more than the limit at a time, in order of start', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat(3), { maxLength: 15 }),
        fc.integer({ min: 1, max: 4 }),
        async (delays, limit) => {
          let running = 0;
          let peak = 0;
          const started: number[] = [];
          const outcomes = await runBounded(
            delays,
            async (delay, index) => {
              started.push(index);
              running += 1;
              peak = Math.max(peak, running);
              for (let i = 0; i < delay; i++) await Promise.resolve();
              running -= 1;
              return index * 2;
            },
            { concurrency: limit },
          );
          expect(peak).toBeLessThanOrEqual(limit);
          expect(started).toEqual(delays.map((_, i) => i));
          expect(outcomes).toEqual(delays.map((_, i) => ({ started: true, result: i * 2 })));
        },
      ),
    );
  });

  it('cancel stops before the next item; running ones finish', async () => {
    const controller = new AbortController();
    const outcomes = await runBounded(
      [0, 1, 2, 3, 4, 5],
      async (item) => {
        if (item === 1) controller.abort();
        return item;
      },
      { concurrency: 2, signal: controller.signal },
    );
    expect(outcomes.map((o) => o.started)).toEqual([true, true, false, false, false, false]);
  });

  it('waits what Retry-After says (capped), else backs off', () => {
    expect(retryDelayMs(2, 0)).toBe(2000);
    expect(retryDelayMs(600, 0)).toBe(60_000);
    expect(retryDelayMs(undefined, 2)).toBe(4000);
  });
});
