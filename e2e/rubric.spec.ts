// The rubric builder in Chromium, through the real admin server and the emulator.
import AxeBuilder from '@axe-core/playwright';
import type { APIRequestContext, APIResponse, Locator, Page } from '@playwright/test';
import { expect, test, type EmuRequest } from './fixtures';
import { chooseMetric, confirmReview, openReview } from './helpers';
import { DEMO_METRIC_IDS, DEMO_PROJECT_ID, exampleRubricForDemo, SCALE_PROJECT_ID } from '../src/server/emulator/seed';
import { percent } from '../src/web/sections/rubric/format';
import { canonicalJson } from '../src/shared/schemas/rubric';
import { computeImpact } from '../src/shared/rubric/impact';
import type { CallLog } from '../src/shared/schemas/call-log';

const M = DEMO_METRIC_IDS;
const PROJECT_PATH = `/user/v1/projects/${DEMO_PROJECT_ID}/`;
const patches = (requests: EmuRequest[]) => requests.filter((r) => r.method === 'PATCH' && r.path === PROJECT_PATH);
const saveButton = (page: Page) => page.getByRole('button', { name: 'Save', exact: true });
const status = (page: Page) => page.getByRole('status').filter({ hasText: /unsaved/ });
const ruleGroup = (page: Page, n: number) => page.getByRole('group', { name: `Rule ${n}`, exact: true });
const summary = (page: Page) => page.getByRole('region', { name: 'Summary' });

const rule = (metricId: number, field: string, op: string, value: unknown) => ({
  metric_id: metricId,
  conditions: { operator: 'and', conditions: [{ field, op, value }] },
});

async function openRubric(page: Page) {
  await page.goto(`/projects/${DEMO_PROJECT_ID}/rubric`);
  await expect(page.getByRole('heading', { name: 'Rubric builder', level: 1 })).toBeVisible();
}

async function addRule(page: Page, n: number, metric: string): Promise<Locator> {
  await page.getByRole('button', { name: 'Add rule' }).click();
  const group = ruleGroup(page, n);
  await chooseMetric(group, metric);
  return group;
}

async function saveAndWait(page: Page) {
  await openReview(page);
  await confirmReview(page);
  await expect(page.getByText(/^Saved \d+ changes?\.$/)).toBeVisible();
  await expect(status(page)).toHaveText('No unsaved changes');
}

test('builds the documentation example from an empty rubric through the UI alone, and saves exactly those rules', async ({
  page,
  stack,
}) => {
  await stack.setRaw(DEMO_PROJECT_ID, { rubric_config: {} });
  await openRubric(page);
  await expect(page.getByText('This project has no rubric yet')).toBeVisible();
  await expect(summary(page)).toContainText('There is no rubric: every call passes.');

  const identity = await addRule(page, 1, 'Identity verified');
  await expect(identity.getByLabel('Condition')).toHaveValue('eq');
  await identity.getByLabel('Value').selectOption({ label: 'True' });

  const satisfaction = await addRule(page, 2, 'Customer satisfaction');
  await expect(satisfaction.getByText('Scale 0-5')).toBeVisible();
  await satisfaction.getByLabel('Condition').selectOption({ label: 'is at least' });
  await satisfaction.getByLabel('Score').fill('4');

  const resolution = await addRule(page, 3, 'Call resolution');
  await resolution.getByLabel('Condition').selectOption({ label: 'is one of' });
  const values = resolution.getByRole('combobox', { name: 'Values' });
  await values.click();
  // No value is chosen for the user: both are picked (the list shows readable labels, the API spelling is sent).
  await page.getByRole('option', { name: 'Resolved', exact: true }).click();
  await page.getByRole('option', { name: 'Partially resolved', exact: true }).click();
  await page.keyboard.press('Escape');

  await expect(summary(page)).toContainText(
    'A call passes when Identity verified is true, Customer satisfaction is at least 4, and Call resolution is resolved or partially resolved.',
  );
  await stack.clearRequests();
  await saveAndWait(page);

  const [patch] = patches(await stack.requests());
  expect(Object.keys(patch.body as object)).toEqual(['rubric_config']);
  const stored = (await stack.getProject(DEMO_PROJECT_ID)).rubric_config;
  // The documentation's example, with the boolean rule written as `true` (new rules use bool, not 5).
  const example = exampleRubricForDemo() as { rules: { conditions: { conditions: { value: unknown }[] } }[] };
  example.rules[0].conditions.conditions[0].value = true;
  expect(canonicalJson(stored)).toBe(canonicalJson(example));
});

test('adding a rule to a rubric of 5 stores all 6, the 5 unchanged ones byte-identical', async ({ page, stack }) => {
  // Odd key orders, a legacy `true` value and a several-condition rule: none may be rewritten.
  const five = [
    {
      conditions: { conditions: [{ value: 5, op: 'eq', field: 'score' }], operator: 'and' },
      metric_id: M.identityVerified,
    },
    {
      metric_id: M.customerSatisfaction,
      conditions: { operator: 'and', conditions: [{ op: 'gte', field: 'score', value: 3.5 }] },
    },
    {
      metric_id: M.callResolution,
      conditions: {
        operator: 'and',
        conditions: [{ op: 'in', value: ['resolved', 'partially_resolved'], field: 'enum' }],
      },
    },
    {
      metric_id: M.latency,
      conditions: {
        operator: 'and',
        conditions: [
          { field: 'score', op: 'lt', value: 1500 },
          { field: 'score', op: 'gte', value: 0 },
        ],
      },
    },
    rule(M.bookingConfirmed, 'score', 'eq', true),
  ];
  await stack.setRaw(DEMO_PROJECT_ID, { rubric_config: { rules: five, evaluation_logic: 'and' } });
  await openRubric(page);
  await expect(ruleGroup(page, 4)).toContainText('2 conditions: all must hold.');
  await expect(ruleGroup(page, 5).getByLabel('Value')).toHaveValue('true');

  const escalation = await addRule(page, 6, 'Escalation reason');
  await escalation.getByLabel('Condition').selectOption({ label: 'is not' });
  await escalation.getByLabel('Value').selectOption('none');
  await expect(status(page)).toHaveText('1 unsaved change');
  await stack.clearRequests();
  await saveAndWait(page);

  const [patch] = patches(await stack.requests());
  const sent = (patch.body as { rubric_config: { rules: unknown[] } }).rubric_config;
  expect(Object.keys(patch.body as object)).toEqual(['rubric_config']);
  expect(sent.rules).toHaveLength(6);
  const stored = (await stack.getProject(DEMO_PROJECT_ID)).rubric_config;
  for (let i = 0; i < 5; i++) {
    expect(JSON.stringify(sent.rules[i])).toBe(JSON.stringify(five[i]));
    expect(JSON.stringify(stored.rules[i])).toBe(JSON.stringify(five[i]));
  }
  expect(JSON.stringify(stored.rules[5])).toBe(JSON.stringify(rule(M.escalationReason, 'enum', 'neq', 'none')));
  expect(Object.keys(stored)).toEqual(['rules', 'evaluation_logic']);
});

test('the JSON view: edits flow both ways, invalid JSON says why and leaves the form alone, and the result is saved', async ({
  page,
  stack,
}) => {
  await openRubric(page);
  await page.getByRole('tab', { name: 'JSON' }).click();
  const text = page.getByLabel('rubric_config (JSON)');
  const seeded = JSON.parse(await text.inputValue());
  expect(canonicalJson(seeded)).toBe(canonicalJson((await stack.getProject(DEMO_PROJECT_ID)).rubric_config));

  const edited = structuredClone(seeded);
  edited.rules[1].conditions.conditions[0].value = 3;
  edited.rules.push(rule(M.empathy, 'score', 'gte', 2));
  await text.fill(JSON.stringify(edited, null, 2));
  await expect(page.getByText('Valid: applied to the form.')).toBeVisible();

  await page.getByRole('tab', { name: 'Builder' }).click();
  await expect(ruleGroup(page, 2).getByLabel('Score')).toHaveValue('3');
  await expect(ruleGroup(page, 4).getByRole('combobox', { name: 'Metric' })).toHaveValue('Empathy');
  await ruleGroup(page, 1).getByLabel('Value').selectOption({ label: 'False' });

  await page.getByRole('tab', { name: 'JSON' }).click();
  // The text follows the form: wait for it to show the builder's edit rather than reading it once.
  const firstValue = async () => JSON.parse(await text.inputValue()).rules[0].conditions.conditions[0].value;
  await expect.poll(firstValue).toBe(false); // an edited boolean rule is written as a bool (decision 1)
  const both = JSON.parse(await text.inputValue());
  expect(both.rules[1].conditions.conditions[0].value).toBe(3);

  await text.fill('{"evaluation_logic": "and", "rules": [');
  await expect(page.getByRole('alert').filter({ hasText: 'Not valid JSON' })).toBeVisible();
  await text.fill('{"evaluation_logic": "and", "rules": 5}');
  await expect(page.getByRole('alert').filter({ hasText: 'Not a rubric: rules' })).toBeVisible();
  await page.getByRole('tab', { name: 'Builder' }).click();
  await expect(ruleGroup(page, 4)).toBeVisible();
  await expect(ruleGroup(page, 1).getByLabel('Value')).toHaveValue('false');

  await saveAndWait(page);
  const stored = (await stack.getProject(DEMO_PROJECT_ID)).rubric_config;
  expect(canonicalJson(stored)).toBe(canonicalJson(both));
  // The seeded third rule went back exactly as received.
  expect(JSON.stringify(stored.rules[2])).toBe(JSON.stringify(seeded.rules[2]));
});

test('a rule whose metric was deleted blocks saving the rubric until it is removed', async ({ page, stack }) => {
  await stack.deleteMetric(M.customerSatisfaction);
  await openRubric(page);
  const orphan = ruleGroup(page, 2);
  await expect(
    orphan.getByText(`Metric #${M.customerSatisfaction} is not one of this project's metrics`),
  ).toBeVisible();

  await ruleGroup(page, 1).getByLabel('Value').selectOption({ label: 'False' });
  await stack.clearRequests();
  await saveButton(page).click();
  await expect(page.getByText('Not saved: some values need fixing.')).toBeVisible();
  await expect(orphan.getByText(/^Blocks saving: Metric #/)).toBeVisible();
  expect(patches(await stack.requests())).toHaveLength(0);

  await orphan.getByRole('button', { name: 'Remove rule' }).click();
  await expect(ruleGroup(page, 3)).toHaveCount(0);
  await saveAndWait(page);
  const stored = (await stack.getProject(DEMO_PROJECT_ID)).rubric_config;
  expect(stored.rules.map((r: { metric_id: number }) => r.metric_id)).toEqual([M.identityVerified, M.callResolution]);
  expect(stored.rules[0].conditions.conditions[0].value).toBe(false);
});

test('a server message with a rule path lands on that rule', async ({ page, stack }) => {
  const message = "rules[2].conditions.conditions[0].value: 'maybe' is not one of the metric's enum_values";
  await stack.fault({
    method: 'PATCH',
    path: PROJECT_PATH,
    kind: 'status',
    status: 400,
    body: { rubric_config: [message] },
  });
  await openRubric(page);
  await ruleGroup(page, 2).getByLabel('Score').fill('3');
  await openReview(page);
  await confirmReview(page);
  await expect(
    ruleGroup(page, 3).getByText("The server rejected this rule: 'maybe' is not one of the metric's enum_values"),
  ).toBeVisible();
  await expect(ruleGroup(page, 1).getByText('The server rejected this rule')).toHaveCount(0);
  await expect(status(page)).toHaveText('1 unsaved change');
});

test('clearing the rubric acts at once with Undo, then saves {}', async ({ page, stack }) => {
  await openRubric(page);
  await page.getByRole('button', { name: 'Clear rubric' }).click();
  await expect(page.getByText('This project has no rubric yet')).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(ruleGroup(page, 3)).toBeVisible();
  await expect(status(page)).toHaveText('No unsaved changes');
  await page.getByRole('button', { name: 'Clear rubric' }).click();
  await expect(page.getByText('This project has no rubric yet')).toBeVisible();
  await stack.clearRequests();
  await saveAndWait(page);
  expect(patches(await stack.requests())[0].body).toEqual({ rubric_config: {} });
  expect((await stack.getProject(DEMO_PROJECT_ID)).rubric_config).toEqual({});
});

test('legacy True/False metrics read as True/False; duplicating warns and deleting the copy leaves nothing to save', async ({
  page,
  stack,
}) => {
  await stack.reset({ legacy: true });
  await openRubric(page);
  const first = ruleGroup(page, 1);
  await expect(first.getByText('True/False', { exact: true })).toBeVisible();
  await expect(first.getByLabel('Value')).toHaveValue('true');
  await first.getByRole('button', { name: 'Duplicate' }).click();
  await expect(ruleGroup(page, 2).getByText('Warning: Exact duplicate of rule 1')).toBeVisible();
  await expect(ruleGroup(page, 4)).toBeVisible();
  await expect(status(page)).toHaveText('1 unsaved change');
  await ruleGroup(page, 2).getByRole('button', { name: 'Delete' }).click();
  await expect(ruleGroup(page, 4)).toHaveCount(0);
  await expect(status(page)).toHaveText('No unsaved changes');
});

test("the impact preview equals a direct evaluation of the emulator's call logs", async ({ page, stack, request }) => {
  await openRubric(page);
  await stack.clearRequests();
  await page.getByRole('button', { name: 'Preview impact' }).click();
  const preview = page.getByRole('region', { name: 'Impact preview' });
  await expect(preview.getByText('Pass rate, saved rubric')).toBeVisible();
  await ruleGroup(page, 2).getByLabel('Score').fill('5');

  const calls = await stack.requests();
  const from = calls.find((r) => r.path === '/observability/v2/call-logs/')?.query.timestamp_from as string;
  expect(Date.now() - Date.parse(from)).toBeGreaterThan(7 * 86_400_000 - 60_000);
  const logs = await fetchCallLogs(request, from);
  expect(logs.length).toBeGreaterThan(20);
  const saved = (await stack.getProject(DEMO_PROJECT_ID)).rubric_config;
  const draft = structuredClone(saved);
  draft.rules[1].conditions.conditions[0].value = 5;
  const impact = computeImpact(saved, draft, logs);
  expect(impact.flips.length).toBeGreaterThan(0);

  await expect(term(preview, 'Pass rate, saved rubric')).toHaveText(
    `${percent(impact.saved.rate!)} (${impact.saved.passed} of ${logs.length})`,
  );
  await expect(term(preview, 'Pass rate, draft')).toHaveText(
    `${percent(impact.draft.rate!)} (${impact.draft.passed} of ${logs.length})`,
  );
  await expect(term(preview, 'Calls that change outcome')).toHaveText(String(impact.flips.length));
  const { agreed, compared } = impact.agreement;
  await expect(term(preview, "Calls where the saved rubric gives Cekura's result")).toHaveText(
    `${percent(agreed / compared)} (${agreed} of ${compared} calls with a result)`,
  );
  const rows = preview.getByRole('table', { name: 'Calls that change outcome' }).getByRole('row');
  await expect(rows).toHaveCount(Math.min(25, impact.flips.length) + 1);
  await expect(rows.nth(1)).toContainText('Passed, now fails');
  await expect(rows.nth(1)).toContainText('Fails draft rule 2: Customer satisfaction is at least 5');
});

test('axe finds no violations in the section (rules with messages, JSON view, preview)', async ({ page, stack }) => {
  const rubric = exampleRubricForDemo() as { rules: unknown[] };
  rubric.rules.push(
    rule(424242, 'score', 'gte', 4),
    rule(M.latency, 'score', 'lt', 900),
    rule(M.latency, 'score', 'gt', 1200),
  );
  await stack.setRaw(DEMO_PROJECT_ID, { rubric_config: rubric });
  await openRubric(page);
  await expect(ruleGroup(page, 4).getByText('Blocks saving')).toBeVisible();
  await expect(ruleGroup(page, 6).getByText(/^Warning: /)).toBeVisible();
  await page.getByRole('button', { name: 'Preview impact' }).click();
  await expect(page.getByText('Pass rate, draft')).toBeVisible();
  const scan = async () => (await new AxeBuilder({ page }).include('main').analyze()).violations;
  expect(await scan()).toEqual([]);
  await page.getByRole('tab', { name: 'JSON' }).click();
  await page.getByLabel('rubric_config (JSON)').fill('{');
  expect(await scan()).toEqual([]);
});

test('the scale rubric (300 rules, 2,000 metrics) renders virtualised and an edit keeps the 299 other rules byte-identical', async ({
  page,
  stack,
}) => {
  await stack.reset({ scale: true });
  const before = (await stack.getProject(SCALE_PROJECT_ID)).rubric_config;
  await page.goto(`/projects/${SCALE_PROJECT_ID}/rubric`);
  await expect(ruleGroup(page, 1).getByRole('combobox', { name: 'Metric' })).not.toHaveValue('');
  expect(await page.getByRole('group', { name: /^Rule \d+$/ }).count()).toBeLessThan(40);
  await expect(summary(page)).toContainText('300 rules');

  const score = ruleGroup(page, 2).getByLabel('Score');
  await score.fill('3');
  await stack.clearRequests();
  await saveAndWait(page);
  const [patch] = scalePatches(await stack.requests());
  const sent = (patch.body as { rubric_config: { rules: unknown[] } }).rubric_config.rules;
  expect(sent).toHaveLength(300);
  sent.forEach((r, i) => {
    if (i !== 1) expect(JSON.stringify(r)).toBe(JSON.stringify(before.rules[i]));
  });
  expect((sent[1] as { conditions: { conditions: { value: number }[] } }).conditions.conditions[0].value).toBe(3);
});

test('with the emulator capping list pages at 10 rows, the scale rubric still loads every agent metric: 300 rules, no problem', async ({
  page,
  stack,
}) => {
  await stack.reset({ scale: true, maxPageSize: 10 });
  await page.goto(`/projects/${SCALE_PROJECT_ID}/rubric`);
  await expect(ruleGroup(page, 1).getByRole('combobox', { name: 'Metric' })).not.toHaveValue('');
  await expect(summary(page)).toContainText('300 rules');
  await expect(summary(page)).not.toContainText('problem');
  const agentPages = (await stack.requests()).filter((r) => r.path === '/test_framework/v1/aiagents/short_list/');
  expect(agentPages.length).toBe(150); // 1,500 agents, 10 a page: the server's size, not the 100 asked for
});

const scalePatches = (requests: EmuRequest[]) =>
  requests.filter((r) => r.method === 'PATCH' && r.path === `/user/v1/projects/${SCALE_PROJECT_ID}/`);

const term = (scope: Locator, label: string) =>
  scope.locator('dt', { hasText: label }).locator('xpath=following-sibling::dd[1]');

async function fetchCallLogs(request: APIRequestContext, from: string): Promise<CallLog[]> {
  const calls: CallLog[] = [];
  const query = new URLSearchParams({ project_id: String(DEMO_PROJECT_ID), timestamp_from: from, page_size: '100' });
  // Along the `next` links (the console's own /api paths): the server may return fewer than 100 a page.
  let next: string | null = `/api/observability/v2/call-logs/?${query}`;
  for (let n = 0; next && n < 100; n++) {
    const res: APIResponse = await request.get(next);
    expect(res.ok()).toBe(true);
    const body: { results: CallLog[]; next: string | null } = await res.json();
    calls.push(...body.results);
    next = body.next;
  }
  return calls;
}
