// Bulk changes across the fleet (the scale seed's 60 projects) in Chromium, through the real admin server and
// emulator: a preview per project, then each project saved with its own GET and If-Match, at most 3 at a time;
// a project changed meanwhile in an unrelated field is merged, one changed in a chosen field is skipped as a
// conflict, a 429 is waited out; afterwards each project's upstream state and history are checked.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { buildFleet } from '../src/server/emulator/seed-fleet';
import type { HistoryPage } from '../src/shared/schemas/history';
import { rulesOf } from '../src/shared/schemas/rubric';

const fleet = buildFleet().projects;
const [source, ...rest] = fleet;
const targets = rest.slice(0, 20);
const [conflicted, merged, limited, unchanged] = [targets[3], targets[7], targets[11], targets[19]];
const CHOSEN = { notify_cron_failure: true, frequent_calls_threshold: 7 };

const row = (page: Page, p: { id: number; name: string }) => page.getByRole('row', { name: `${p.name} (#${p.id})` });

async function history(page: Page, projectId: number, since: string): Promise<HistoryPage['results']> {
  const res = await page.request.get(`/app-api/projects/${projectId}/history?page=1`);
  expect(res.ok()).toBe(true);
  return ((await res.json()) as HistoryPage).results.filter((entry) => entry.time >= since);
}

test('a bulk change to 20 projects: preview, one merged, one conflict skipped with a link, one 429 waited out; upstream state and history per project', async ({
  page,
  stack,
}) => {
  await stack.reset({ scale: true });
  const since = new Date(Date.now() - 1000).toISOString();
  await stack.setRaw(source.id, CHOSEN);
  await stack.setRaw(unchanged.id, CHOSEN); // already has the values: skipped

  await page.goto(`/projects/${source.id}/notifications`);
  await page.getByRole('link', { name: 'Apply to other projects…' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Apply to other projects' })).toBeVisible();
  await expect(page.getByLabel('Section to apply')).toHaveValue('notifications');
  await page.getByRole('button', { name: 'None' }).click();
  await page.getByRole('checkbox', { name: 'Scheduled run failed' }).check();
  await page.getByRole('checkbox', { name: 'Threshold (calls)' }).check();

  const list = page.getByRole('group', { name: 'Projects to change' });
  await page.getByLabel('Search projects').fill('zurich');
  await expect(list.getByRole('checkbox')).toHaveCount(fleet.filter((p) => p.name.startsWith('Zurich')).length);
  await page.getByLabel('Search projects').fill('');
  for (const p of targets) await list.getByRole('checkbox', { name: `${p.name} (#${p.id})` }).check();
  await expect(page.getByRole('status').filter({ hasText: 'projects selected' })).toHaveText(
    /^20 of \d+ projects selected$/,
  );

  await stack.clearRequests();
  await page.getByRole('button', { name: 'Preview' }).click();
  const preview = page.getByRole('table', { name: 'Preview' });
  await expect(preview.getByRole('row')).toHaveCount(21);
  await expect(row(page, unchanged)).toContainText('Unchanged');
  await expect(page.getByRole('button', { name: 'Apply to 19 projects' })).toBeVisible();
  await expect(row(page, targets[0])).toContainText('Will change');
  await expect(row(page, targets[0])).toContainText('Scheduled run failed, Threshold (calls)');
  expect((await stack.requests()).filter((r) => r.method === 'PATCH')).toEqual([]); // nothing sent by the preview

  // Meanwhile: one project changes a chosen field, another an unrelated one; one PATCH will be rate limited.
  await stack.setRaw(conflicted.id, { frequent_calls_threshold: 9 });
  await stack.setRaw(merged.id, { timezone: 'UTC' });
  await stack.fault({
    method: 'PATCH',
    path: `/user/v1/projects/${limited.id}/`,
    kind: 'status',
    status: 429,
    retryAfter: 1,
    body: { detail: 'Request was throttled. Expected available in 1 second.' },
  });
  await page.getByRole('button', { name: 'Apply to 19 projects' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Done: 20 of 20 projects done' })).toBeVisible();

  const results = page.getByRole('table', { name: 'Results' });
  await expect(row(page, conflicted)).toContainText('Conflict');
  await expect(row(page, conflicted)).toContainText('Changed since the preview: Threshold (calls)');
  await expect(row(page, conflicted).getByRole('link', { name: `Resolve in ${conflicted.name}` })).toHaveAttribute(
    'href',
    `/projects/${conflicted.id}/notifications`,
  );
  await expect(row(page, merged)).toContainText('Applied (merged)');
  await expect(row(page, unchanged)).toContainText('Unchanged');
  await expect(results.getByRole('cell', { name: 'Applied', exact: true })).toHaveCount(17);

  // The rate-limited project was sent twice: 429, then applied after Retry-After.
  const patches = (await stack.requests()).filter((r) => r.method === 'PATCH');
  expect(patches.filter((r) => r.path === `/user/v1/projects/${limited.id}/`).map((r) => r.status)).toEqual([429, 200]);
  expect(patches.filter((r) => r.status === 200)).toHaveLength(18);
  for (const r of patches) expect(Object.keys(r.body as object).sort()).not.toContain('webhook_url');

  const states = await Promise.all(
    targets.map(async (p) => ({
      upstream: await stack.getProject(p.id),
      saves: (await history(page, p.id, since)).filter((entry) => entry.kind === 'save'),
    })),
  );
  for (const [i, p] of targets.entries()) {
    const { upstream, saves } = states[i];
    if (p === conflicted) {
      expect([upstream.frequent_calls_threshold, upstream.notify_cron_failure], p.name).toEqual([9, false]);
      expect(saves, p.name).toEqual([]);
    } else if (p === unchanged) {
      expect(saves, p.name).toEqual([]);
    } else {
      expect([upstream.notify_cron_failure, upstream.frequent_calls_threshold], p.name).toEqual([true, 7]);
      expect(saves, p.name).toHaveLength(1);
      expect(saves[0].user).toBe('local');
      expect(saves[0].changes.map((c) => c.field).sort(), p.name).toEqual(
        Object.keys(
          (patches.find((r) => r.path === `/user/v1/projects/${p.id}/` && r.status === 200)?.body ?? {}) as object,
        ).sort(),
      );
    }
  }
  expect((await stack.getProject(merged.id)).timezone).toBe('UTC'); // the change made meanwhile is kept
});

test('a bulk rubric replace: the preview lists the rules each project would lose, a project without a same-named metric needs mapping; Cancel stops before the next project', async ({
  page,
  stack,
}) => {
  await stack.reset({ scale: true });
  const seed = buildFleet();
  const metricOf = (projectId: number, name: string) =>
    seed.metrics.find((m) => m.projectId === projectId && m.name === name)!.id;
  const rule = (metricId: number, op: string, value: unknown) => ({
    metric_id: metricId,
    conditions: { operator: 'and', conditions: [{ field: 'score', op, value }] },
  });
  await stack.setRaw(source.id, {
    rubric_config: { evaluation_logic: 'and', rules: [rule(metricOf(source.id, 'Identity verified'), 'eq', true)] },
  });
  const five = rest.slice(0, 5);
  await page.goto(`/projects/${source.id}/bulk?section=rubric`);
  await page.getByLabel("Replace each project's rubric").check();
  const list = page.getByRole('group', { name: 'Projects to change' });
  for (const p of five) await list.getByRole('checkbox', { name: `${p.name} (#${p.id})` }).check();
  await list.getByRole('checkbox', { name: 'Bolt Sales Outbound (#1842)' }).check(); // no "Identity verified"
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(row(page, { id: 1842, name: 'Bolt Sales Outbound' })).toContainText(
    `Needs mappingNo match here for Metric "Identity verified" #${metricOf(source.id, 'Identity verified')}`,
  );
  await expect(row(page, five[0])).toContainText(
    'the rubric loses 2 rules: Latency (ms) is at most 2000; Customer satisfaction is at least 3',
  );

  for (const p of five) await stack.fault({ method: 'PATCH', path: `/user/v1/projects/${p.id}/`, kind: 'hold' });
  await stack.clearRequests();
  await page.getByRole('button', { name: 'Apply to 5 projects' }).click();
  await expect.poll(async () => (await stack.requests()).filter((r) => r.method === 'PATCH').length).toBe(3); // at most 3 at a time: three saves are in flight, held by the emulator
  await page.getByRole('button', { name: 'Cancel' }).click();
  await stack.release();
  await expect(page.getByRole('status').filter({ hasText: 'Done: 6 of 6 projects done' })).toBeVisible();
  for (const p of five.slice(0, 3)) {
    await expect(row(page, p)).toContainText('Applied');
    expect(rulesOf((await stack.getProject(p.id)).rubric_config)).toEqual([
      rule(metricOf(p.id, 'Identity verified'), 'eq', true),
    ]);
  }
  for (const p of five.slice(3)) {
    await expect(row(page, p)).toContainText('Not sent (cancelled)');
    expect(rulesOf((await stack.getProject(p.id)).rubric_config)).toHaveLength(2);
  }
  expect((await stack.requests()).filter((r) => r.method === 'PATCH')).toHaveLength(3);
});

test('Cancel during a long Retry-After wait stops at once: the rate-limited project is not sent again', async ({
  page,
  stack,
}) => {
  await stack.reset({ scale: true });
  const [target] = rest;
  const before = await stack.getProject(target.id);
  await stack.setRaw(source.id, CHOSEN);
  await page.goto(`/projects/${source.id}/bulk?section=notifications`);
  await page.getByRole('button', { name: 'None' }).click();
  await page.getByRole('checkbox', { name: 'Threshold (calls)' }).check();
  await page
    .getByRole('group', { name: 'Projects to change' })
    .getByRole('checkbox', { name: `${target.name} (#${target.id})` })
    .check();
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(row(page, target)).toContainText('Will change');

  await stack.clearRequests();
  await stack.fault({
    method: 'PATCH',
    path: `/user/v1/projects/${target.id}/`,
    kind: 'status',
    status: 429,
    retryAfter: 50,
    body: { detail: 'Request was throttled. Expected available in 50 seconds.' },
  });
  await page.getByRole('button', { name: 'Apply to 1 project' }).click();
  await expect(row(page, target)).toContainText('Rate limited: trying again in 50 s.');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Done: 1 of 1 projects done' })).toBeVisible();
  await expect(row(page, target)).toContainText('Not sent (cancelled)');
  await expect(row(page, target)).toContainText('Rate limited, then Cancel was pressed: not sent again.');
  const patches = (await stack.requests()).filter((r) => r.method === 'PATCH');
  expect(patches.map((r) => r.status)).toEqual([429]);
  expect((await stack.getProject(target.id)).frequent_calls_threshold).toBe(before.frequent_calls_threshold);
});
