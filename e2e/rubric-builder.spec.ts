// The rubric builder's second round (issue 21) in Chromium, through the real admin server and the emulator:
// new rules without defaults that stay quiet until touched, "cannot matter" warnings, labels by type, readable
// enum labels, metric descriptions, per-rule fail counts with sort and filter, "Try on a call", and editing
// rules with several conditions.
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test, type EmuRequest } from './fixtures';
import { chooseMetric, confirmReview, openReview, reviewDialog } from './helpers';
import { DEMO_METRIC_IDS, DEMO_PROJECT_ID, exampleRubricForDemo } from '../src/server/emulator/seed';
import { ruleFailCounts } from '../src/shared/rubric/rule-figures';
import { rubricOnCall } from '../src/shared/rubric/try-call';
import { rulesOf } from '../src/shared/schemas/rubric';
import type { CallLog } from '../src/shared/schemas/call-log';

const M = DEMO_METRIC_IDS;
const PROJECT_PATH = `/user/v1/projects/${DEMO_PROJECT_ID}/`;
const patches = (requests: EmuRequest[]) => requests.filter((r) => r.method === 'PATCH' && r.path === PROJECT_PATH);
const ruleGroup = (page: Page, n: number) => page.getByRole('group', { name: `Rule ${n}`, exact: true });
const summary = (page: Page) => page.getByRole('region', { name: 'Summary' });
const rule = (metricId: number, ...conditions: { field: string; op: string; value: unknown }[]) => ({
  metric_id: metricId,
  conditions: { operator: 'and', conditions },
});

async function openRubric(page: Page) {
  await page.goto(`/projects/${DEMO_PROJECT_ID}/rubric`);
  await expect(page.getByRole('heading', { name: 'Rubric builder', level: 1 })).toBeVisible();
  await expect(ruleGroup(page, 1).getByRole('combobox', { name: 'Metric' })).not.toHaveValue('');
}

/** The preview's calls, read directly from the API with the window the page asked for. */
async function previewCalls(page: Page, request: APIRequestContext, requests: EmuRequest[]): Promise<CallLog[]> {
  const from = requests.find((r) => r.path === '/observability/v2/call-logs/')?.query.timestamp_from as string;
  expect(from).toBeTruthy();
  const calls: CallLog[] = [];
  for (let n = 1; n <= 10; n++) {
    const query = new URLSearchParams({
      project_id: String(DEMO_PROJECT_ID),
      timestamp_from: from,
      page_size: '100',
      page: String(n),
    });
    const res = await request.get(`/api/observability/v2/call-logs/?${query}`);
    expect(res.ok()).toBe(true);
    const body = await res.json();
    calls.push(...body.results);
    if (!body.next) break;
  }
  return calls;
}

async function runPreview(page: Page) {
  await page.getByRole('button', { name: 'Preview impact' }).click();
  await expect(page.getByRole('region', { name: 'Impact preview' }).getByText('Pass rate, saved rubric')).toBeVisible();
}

test('a new rule has no default, says nothing until touched, then blocks saving with a clear message', async ({
  page,
  stack,
}) => {
  await openRubric(page);
  await expect(summary(page)).not.toContainText('problem');
  await page.getByRole('button', { name: 'Add rule' }).click();
  const added = ruleGroup(page, 4);
  await expect(added.getByRole('combobox', { name: 'Metric' })).toBeFocused();
  await expect(added.getByText(/Blocks saving/)).toHaveCount(0);
  await expect(added.getByRole('combobox', { name: 'Metric' })).not.toHaveAttribute('aria-invalid', 'true');
  await expect(summary(page)).not.toContainText('problem');
  await expect(page.getByRole('main').getByRole('alert')).toHaveCount(0);

  // A metric chosen: the value stays empty (no "is at least 0"), and the row is still quiet while in use.
  await chooseMetric(added, 'Latency (ms)');
  const value = added.getByRole('textbox', { name: 'Value (ms)' });
  await expect(value).toHaveValue('');
  await expect(added.getByText(/Blocks saving/)).toHaveCount(0);
  await expect(summary(page)).toContainText('A call passes when');
  await expect(summary(page)).not.toContainText('problem');

  // Leaving the rule touches it.
  await page.getByRole('heading', { name: 'Rubric builder', level: 1 }).click();
  await expect(added.getByText('Blocks saving: Enter a number for this condition.')).toBeVisible();
  await expect(summary(page)).toContainText('1 problem blocks saving');
  await value.fill('1500');
  await expect(added.getByText(/Blocks saving/)).toHaveCount(0);

  // An untouched rule shows its message once a save is tried, and nothing is sent.
  await page.getByRole('button', { name: 'Add rule' }).click();
  await expect(ruleGroup(page, 5).getByText(/Blocks saving/)).toHaveCount(0);
  await stack.clearRequests();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(
    ruleGroup(page, 5).getByText('Blocks saving: Choose a metric for this rule, or remove the rule.'),
  ).toBeVisible();
  await expect(summary(page)).toContainText('1 problem blocks saving');
  expect(patches(await stack.requests())).toHaveLength(0);
});

test('labels by type, readable enum labels sent in API spelling, "cannot matter" warnings, metric descriptions', async ({
  page,
  stack,
}) => {
  await openRubric(page);
  const satisfaction = ruleGroup(page, 2);
  await expect(satisfaction.getByRole('textbox', { name: 'Score (0-5)' })).toHaveValue('4');

  // Description on hover, and on keyboard focus of another rule.
  const tooltip = (text: string) => page.getByRole('tooltip').filter({ hasText: text });
  await satisfaction.getByText('Rule 2', { exact: true }).hover();
  await expect(
    tooltip('How satisfied the customer sounded by the end of the call, from 0 (angry) to 5 (delighted).'),
  ).toBeVisible();
  await page.mouse.move(0, 0);
  await expect(tooltip('How satisfied the customer')).toHaveCount(0);
  await ruleGroup(page, 3).getByRole('button', { name: 'Duplicate' }).focus();
  const resolutionTip = tooltip("Whether the customer's issue was resolved on the call.");
  await expect(resolutionTip).toBeVisible();
  // A description never covers the save bar (its messages and buttons): with the window cut just below the
  // description's middle, the sticky bar lies over it. Which is on top is asked with elementFromPoint, which
  // skips elements the pointer passes through (as this tooltip does): the probe makes it hit-testable first.
  const tipBox = (await resolutionTip.boundingBox())!;
  const barHeight = (await page.getByRole('region', { name: 'Save changes' }).boundingBox())!.height;
  const viewport = page.viewportSize()!;
  const middle = { x: tipBox.x + tipBox.width / 2, y: tipBox.y + tipBox.height / 2 };
  await page.setViewportSize({ width: viewport.width, height: Math.ceil(middle.y + barHeight / 2) });
  await expect
    .poll(() =>
      page.evaluate(({ x, y }) => {
        for (const tip of document.querySelectorAll<HTMLElement>('[role="tooltip"]')) tip.style.pointerEvents = 'auto';
        return !!document.elementFromPoint(x, y)?.closest('section[aria-label="Save changes"]');
      }, middle),
    )
    .toBe(true);
  await page.setViewportSize(viewport);

  // "at most 5" on a 0-5 score: a warning, never blocking.
  await satisfaction.getByLabel('Condition').selectOption({ label: 'is at most' });
  await satisfaction.getByRole('textbox', { name: 'Score (0-5)' }).fill('5');
  await expect(satisfaction.getByText(/^Warning: Every possible value passes "is at most 5"/)).toBeVisible();
  await expect(summary(page)).not.toContainText('problem');

  // "is one of" every value, with readable labels; the API spelling is what is sent.
  const resolution = ruleGroup(page, 3);
  await resolution.getByRole('combobox', { name: 'Values' }).click();
  await page.getByRole('option', { name: 'Unresolved', exact: true }).click();
  await page.keyboard.press('Escape');
  await expect(resolution.getByText(/^Warning: Every possible value passes/)).toBeVisible();
  await expect(summary(page)).toContainText('Call resolution is resolved, partially resolved or unresolved');
  await expect(summary(page)).toContainText('2 warnings');

  await stack.clearRequests();
  await openReview(page);
  await expect(reviewDialog(page)).toContainText('partially resolved');
  await confirmReview(page);
  await expect(page.getByText(/^Saved \d+ changes?\.$/)).toBeVisible();
  const sent = patches(await stack.requests())[0].body as { rubric_config: unknown };
  expect(rulesOf(sent.rubric_config)[2]).toEqual(
    rule(M.callResolution, { field: 'enum', op: 'in', value: ['resolved', 'partially_resolved', 'unresolved'] }),
  );
});

test('per-rule fail counts equal a direct evaluation; sort and filter change the view only', async ({
  page,
  stack,
  request,
}) => {
  const config = exampleRubricForDemo() as { rules: unknown[] };
  config.rules.push(
    rule(M.latency, { field: 'score', op: 'lt', value: 1500 }),
    rule(M.latency, { field: 'score', op: 'gte', value: 0 }),
  );
  await stack.setRaw(DEMO_PROJECT_ID, { rubric_config: config });
  await openRubric(page);
  // Nothing is read on open: the figures come with the preview.
  await expect(page.getByText(/recent calls ·/)).toHaveCount(0);
  await stack.clearRequests();
  await runPreview(page);
  const calls = await previewCalls(page, request, await stack.requests());
  const counts = ruleFailCounts(config, calls);
  expect(counts.some((c) => c.fails > 0)).toBe(true);
  for (const [index, { fails, evaluated }] of counts.entries()) {
    const main = evaluated ? `Fails ${fails} of ${calls.length} recent calls` : `No value on any of ${calls.length}`;
    await expect(ruleGroup(page, index + 1)).toContainText(`${main}`);
    await expect(ruleGroup(page, index + 1)).toContainText(`· saved rubric: ${fails}`);
  }
  // "Latency is at least 0" fails no call: flagged, not blocking.
  await expect(ruleGroup(page, 5).getByText(/^Warning: No recent call fails this rule/)).toBeVisible();

  await page.getByLabel('Sort rules').selectOption({ label: 'Most failed calls first' });
  const headings = page.getByRole('heading', { level: 3, name: /^Rule \d+$/ });
  const sorted = counts.map((c, i) => ({ ...c, name: `Rule ${i + 1}` })).sort((a, b) => b.fails - a.fails);
  await expect(headings).toHaveText(sorted.map((c) => c.name));

  await page.getByLabel('Filter by metric').fill('latency');
  await expect(headings).toHaveText(['Rule 4', 'Rule 5']);
  await page.getByLabel('Filter by metric').fill('');
  await page.getByLabel('Only rules that fail recent calls').check();
  await expect(headings).toHaveText(sorted.filter((c) => c.fails > 0).map((c) => c.name));
  await page.getByLabel('Only rules that fail recent calls').uncheck();
  await page.getByLabel('Only rules with problems').check();
  // In the view's order (still most failed first): the rules without a failing call carry a warning.
  await expect(headings).toHaveText(sorted.filter((c) => c.fails === 0).map((c) => c.name));
  await expect(headings).toContainText(['Rule 5']);

  // The view changed nothing: no unsaved change.
  await expect(page.getByRole('status').filter({ hasText: /unsaved/ })).toHaveText('No unsaved changes');
});

test('try on a call: saved and draft side by side, each rule with the value read, the deciding rule and success', async ({
  page,
  stack,
  request,
}) => {
  await openRubric(page);
  const tryPanel = page.getByRole('region', { name: 'Try on a call' });
  await stack.clearRequests();
  await tryPanel.getByRole('button', { name: 'Load recent calls' }).click();
  const picker = tryPanel.getByRole('combobox', { name: 'Call' });
  await expect(picker).toBeVisible();
  const calls = await previewCalls(page, request, await stack.requests());
  const saved = (await stack.getProject(DEMO_PROJECT_ID)).rubric_config;

  // The draft raises rule 2 to "at least 5": pick a call that the saved rubric passes and the draft fails.
  await ruleGroup(page, 2).getByRole('textbox', { name: 'Score (0-5)' }).fill('5');
  const draft = structuredClone(saved) as { rules: { conditions: { conditions: { value: unknown }[] } }[] };
  draft.rules[1].conditions.conditions[0].value = 5;
  const call = calls.find((c) => rubricOnCall(saved, c).pass && !rubricOnCall(draft, c).pass);
  expect(call).toBeDefined();
  const savedOn = rubricOnCall(saved, call!);
  const draftOn = rubricOnCall(draft, call!);

  await picker.fill(String(call!.id));
  await page.getByRole('option', { name: new RegExp(`^#${call!.id} ·`) }).click();
  const own = call!.success === true ? 'success' : call!.success === false ? 'failure' : 'no result';
  await expect(tryPanel.getByText(`Call #${call!.id}: its own result is ${own}.`)).toBeVisible();

  const savedCol = tryPanel.getByRole('region', { name: 'Saved rubric on this call' });
  const draftCol = tryPanel.getByRole('region', { name: 'Draft on this call' });
  await expect(savedCol).toContainText(
    savedOn.allSkipped ? 'Passes: no rule had a value on this call.' : 'Passes: every rule with a value holds.',
  );
  await expect(draftCol).toContainText('Fails: rule 2 decides (Customer satisfaction is at least 5).');
  const rows = draftCol.getByRole('row');
  await expect(rows).toHaveCount(4);
  const score = call!.metrics?.find((m) => m.id === M.customerSatisfaction)?.score;
  await expect(rows.nth(2)).toHaveText(`2. Customer satisfaction is at least 5${score}fails (deciding)`);
  for (const [index, r] of draftOn.rules.entries()) {
    const cells = rows.nth(index + 1).getByRole('cell');
    if (r.outcome === null) await expect(cells.nth(1)).toHaveText('skipped: no value');
    await expect(cells.nth(2)).toHaveText(
      r.verdict === 'skip' ? 'skipped' : r.verdict === 'pass' ? 'passes' : index === 1 ? 'fails (deciding)' : 'fails',
    );
  }
  await expect(savedCol.getByRole('row').nth(2).getByRole('cell').nth(2)).toHaveText('passes');

  // From the impact preview's list (the same calls: the preview is shown): Try opens that call here.
  const flipRow = page.getByRole('table', { name: 'Calls that change outcome' }).getByRole('row').nth(1);
  const tryButton = flipRow.getByRole('button', { name: /^Try call \d+$/ });
  const flipId = ((await tryButton.getAttribute('aria-label')) ?? '').replace('Try call ', '');
  await tryButton.click();
  await expect(tryPanel.getByText(new RegExp(`^Call #${flipId}: its own result is`))).toBeVisible();
});

test('a rule with several conditions is edited condition by condition, with the same checks; removing one leaves one', async ({
  page,
  stack,
}) => {
  const config = exampleRubricForDemo() as { rules: unknown[] };
  config.rules.push(
    rule(M.latency, { field: 'score', op: 'lt', value: 1500 }, { field: 'score', op: 'gte', value: 100 }),
    rule(M.empathy, { field: 'score', op: 'gte', value: 2 }, { field: 'score', op: 'lte', value: 4 }),
  );
  await stack.setRaw(DEMO_PROJECT_ID, { rubric_config: config });
  await openRubric(page);
  const latency = ruleGroup(page, 4);
  await expect(latency).toContainText('2 conditions: all must hold.');
  const second = latency.getByRole('group', { name: 'Condition 2' });
  await second.getByRole('textbox', { name: 'Value (ms)' }).fill('abc');
  await expect(latency.getByText('Blocks saving: The value must be a number, not "abc".')).toBeVisible();
  await second.getByRole('textbox', { name: 'Value (ms)' }).fill('200');
  await expect(latency).toContainText('Latency (ms) is below 1500 and is at least 200');

  const empathy = ruleGroup(page, 5);
  await empathy.getByRole('group', { name: 'Condition 2' }).getByRole('textbox', { name: 'Score (0-5)' }).fill('9');
  await expect(empathy.getByText(/^Blocks saving: This metric scores from 0 to 5: 9/)).toBeVisible();
  await empathy.getByRole('button', { name: 'Remove condition 2' }).click();
  await expect(empathy.getByRole('group', { name: 'Condition 1' })).toHaveCount(0);
  await expect(empathy.getByRole('textbox', { name: 'Score (0-5)' })).toHaveValue('2');

  await stack.clearRequests();
  await openReview(page);
  await confirmReview(page);
  await expect(page.getByText(/^Saved \d+ changes?\.$/)).toBeVisible();
  const stored = rulesOf((await stack.getProject(DEMO_PROJECT_ID)).rubric_config);
  expect(stored[3]).toEqual(
    rule(M.latency, { field: 'score', op: 'lt', value: 1500 }, { field: 'score', op: 'gte', value: 200 }),
  );
  expect(stored[4]).toEqual(rule(M.empathy, { field: 'score', op: 'gte', value: 2 }));
  expect(JSON.stringify(stored.slice(0, 3))).toBe(JSON.stringify(config.rules.slice(0, 3)));
});
