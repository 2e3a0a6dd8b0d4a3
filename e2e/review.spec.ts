// Review before save and the three-way merge: two admins on one project lose nothing. Two admins are two
// browser contexts against the same admin server and emulator.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test as base, type EmuRequest } from './fixtures';
import { confirmReview, openReview, reviewDialog } from './helpers';
import { DEMO_METRIC_IDS, DEMO_PROJECT_ID } from '../src/server/emulator/seed';

const PROJECT_PATH = `/user/v1/projects/${DEMO_PROJECT_ID}/`;
const patches = (requests: EmuRequest[]) => requests.filter((r) => r.method === 'PATCH' && r.path === PROJECT_PATH);
const status = (page: Page) => page.getByRole('status').filter({ hasText: /unsaved/ });
const navLink = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Project sections' }).getByRole('link', { name: new RegExp(`^${name}`) });
const ruleScore = (page: Page, n: number) =>
  page.getByRole('group', { name: `Rule ${n}`, exact: true }).getByLabel('Score');
const conflictDialog = (page: Page) => page.getByRole('dialog', { name: 'Changed in two places' });
const saved = (page: Page) => page.getByText(/^Saved \d+ changes?\.$/);

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).include('[role="dialog"]').analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** `other`: a second admin, in a fresh browser context (own storage) on the same console. */
const test = base.extend<{ other: Page }>({
  other: async ({ browser, stack }, use) => {
    const context = await browser.newContext({ baseURL: stack.baseURL });
    await use(await context.newPage());
    await context.close();
  },
});

async function open(page: Page, section: string) {
  await page.goto(`/projects/${DEMO_PROJECT_ID}/${section}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

async function saveThrough(page: Page) {
  await openReview(page);
  await confirmReview(page);
  await expect(saved(page)).toBeVisible();
}

/** Two admins change the Customer satisfaction rule (rule 2, seeded "at least 4") to different scores. */
async function bothChangeSatisfaction(page: Page, other: Page) {
  await open(page, 'rubric');
  await open(other, 'rubric');
  // Mine first, unsaved: a clean page's background check (every 8 s) rightly takes a newer saved version as its
  // base, and on a slow machine it could do so before this edit, leaving no conflict to show.
  await ruleScore(page, 2).fill('5');
  await expect(status(page)).toHaveText('1 unsaved change');
  await ruleScore(other, 2).fill('3');
  await saveThrough(other);
  await openReview(page);
  await confirmReview(page); // 412: the other admin saved first; the rules of one metric differ on both sides
  const dialog = conflictDialog(page);
  await expect(dialog).toBeVisible();
  const item = dialog.getByRole('group', { name: 'Rubric rules for Customer satisfaction', exact: true });
  await expect(item).toContainText('Mine (this page)Customer satisfaction is at least 5');
  await expect(item).toContainText('Theirs (saved elsewhere)Customer satisfaction is at least 3');
  await expect(dialog.getByRole('heading', { level: 3 })).toHaveText(['Rubric rules for Customer satisfaction']);
  await expect(dialog.getByRole('button', { name: 'Continue to review' })).toBeDisabled();
  await expectNoAxeViolations(page);
}

const satisfactionValue = (project: {
  rubric_config: { rules: { metric_id: number; conditions: { conditions: { value: unknown }[] } }[] };
}) =>
  project.rubric_config.rules
    .filter((r) => r.metric_id === DEMO_METRIC_IDS.customerSatisfaction)
    .map((r) => r.conditions.conditions[0].value);

test('disjoint edits by two admins both land: the second save merges and goes through the review again', async ({
  page,
  other,
  stack,
}) => {
  await open(page, 'general');
  await open(other, 'limits');
  await page.getByLabel('Name', { exact: true }).fill('Acme (edited by A)');
  await other.getByLabel('Sample rate (%)').fill('12.5');

  await saveThrough(page);
  await stack.clearRequests();
  await openReview(other);
  await reviewDialog(other).getByRole('button', { name: 'Confirm' }).click(); // 412: the merged review opens again
  const again = reviewDialog(other);
  await expect(again).toContainText('Merged with changes made elsewhere: Name.');
  await expect(again.getByRole('listitem')).toHaveText(['Sample rate (%): 50% → 12.5%']);
  await confirmReview(other);
  await expect(saved(other)).toBeVisible();

  expect(patches(await stack.requests()).map((r) => r.body)).toEqual([{ sample_rate: 0.125 }]);
  expect(await stack.getProject(DEMO_PROJECT_ID)).toMatchObject({ name: 'Acme (edited by A)', sample_rate: 0.125 });
  await navLink(other, 'General').click();
  await expect(other.getByLabel('Name', { exact: true })).toHaveValue('Acme (edited by A)');
  await expect(status(other)).toHaveText('No unsaved changes');
});

test('both change the same rubric metric: the conflict dialog, and "Take theirs" leaves the other admin\'s rule', async ({
  page,
  other,
  stack,
}) => {
  await bothChangeSatisfaction(page, other);
  await stack.clearRequests();
  const dialog = conflictDialog(page);
  await dialog.getByRole('button', { name: 'Take theirs' }).click();
  await dialog.getByRole('button', { name: 'Continue to review' }).click();
  await expect(page.getByText('Nothing left to save: the project already holds these values.')).toBeVisible();
  await expect(ruleScore(page, 2)).toHaveValue('3');
  await expect(status(page)).toHaveText('No unsaved changes');
  expect(patches(await stack.requests())).toEqual([]);
  expect(satisfactionValue(await stack.getProject(DEMO_PROJECT_ID))).toEqual([3]);
});

test('both change the same rubric metric: "Keep mine" goes through the review and the emulator holds mine', async ({
  page,
  other,
  stack,
}) => {
  await bothChangeSatisfaction(page, other);
  const dialog = conflictDialog(page);
  await dialog.getByRole('button', { name: 'Keep mine' }).click();
  await dialog.getByRole('button', { name: 'Continue to review' }).click();
  const review = reviewDialog(page);
  await expect(review.getByRole('listitem')).toHaveText([
    'Rubric: Changed rule: Customer satisfaction is at least 3 → Customer satisfaction is at least 5',
  ]);
  await confirmReview(page);
  await expect(saved(page)).toBeVisible();
  const stored = await stack.getProject(DEMO_PROJECT_ID);
  expect(satisfactionValue(stored)).toEqual([5]);
  // The other rules are untouched (the merge lists the server's rules first, then the draft's own).
  expect(stored.rubric_config.rules.map((r: { metric_id: number }) => r.metric_id).sort()).toEqual(
    [DEMO_METRIC_IDS.identityVerified, DEMO_METRIC_IDS.customerSatisfaction, DEMO_METRIC_IDS.callResolution].sort(),
  );
});

test('the review lists exactly the pending changes by section; Back keeps them, Confirm sends them', async ({
  page,
  stack,
}) => {
  await open(page, 'general');
  await page.getByLabel('Name', { exact: true }).fill('Acme reviewed');
  await page.getByLabel('Client-side testing').check();
  await navLink(page, 'Limits').click();
  await page.getByLabel('Sample rate (%)').fill('25');
  await page.getByLabel('Maximum call duration (s)').fill('901');
  await page.getByLabel('Maximum call duration (s)').fill('900'); // edited back: not a change
  await navLink(page, 'Notifications').click();
  await page
    .getByRole('region', { name: 'Daily report' })
    .getByRole('button', { name: 'Weekly CSAT trend' })
    .locator('svg')
    .click();
  await navLink(page, 'Integrations').click();
  const vapi = page.getByRole('group', { name: 'Vapi private API key' });
  await vapi.getByRole('button', { name: 'Replace' }).click();
  await vapi.getByLabel('New Vapi private API key').fill('vapi_sk_review_secret');
  await navLink(page, 'Rubric builder').click();
  await ruleScore(page, 2).fill('2');
  await expect(status(page)).toHaveText('6 unsaved changes');

  await stack.clearRequests();
  const review = await openReview(page);
  await expect(review.getByRole('heading', { level: 3 })).toHaveText([
    'General',
    'Limits',
    'Notifications',
    'Integrations',
    'Rubric builder',
  ]);
  await expect(review.getByRole('listitem')).toHaveText([
    'Name: Acme Support Line → Acme reviewed',
    'Client-side testing: Off → On',
    'Sample rate (%): 50% → 25%',
    'Dashboards in the daily report: Removed: Weekly CSAT trend',
    'Vapi private API key: will be replaced',
    'Rubric: Changed rule: Customer satisfaction is at least 4 → Customer satisfaction is at least 2',
  ]);
  await expect(review).toContainText('6 changes will be saved');
  await expect(review).not.toContainText('vapi_sk_review_secret');
  await expectNoAxeViolations(page);

  await review.getByRole('button', { name: 'Back' }).click();
  await expect(review).toBeHidden();
  await expect(status(page)).toHaveText('6 unsaved changes');
  await expect(ruleScore(page, 2)).toHaveValue('2');
  expect(patches(await stack.requests())).toEqual([]);

  await openReview(page, 'keys');
  await confirmReview(page);
  await expect(page.getByText('Saved 6 changes.')).toBeVisible();
  const [patch] = patches(await stack.requests());
  expect(Object.keys(patch.body as object).sort()).toEqual([
    'daily_report_dashboard_ids',
    'enable_client_side_testing',
    'name',
    'rubric_config',
    'sample_rate',
    'vapi_api_key',
  ]);
});

test('a reload with unsaved edits restores them (secrets excluded), merged with what changed meanwhile', async ({
  page,
  stack,
}) => {
  page.on('dialog', (dialog) => void dialog.accept()); // the beforeunload question
  await open(page, 'general');
  await page.getByLabel('Name', { exact: true }).fill('Survives a reload');
  await navLink(page, 'Limits').click();
  await page.getByLabel('Outbound timeout (s)').fill('120');
  await navLink(page, 'Integrations').click();
  const vapi = page.getByRole('group', { name: 'Vapi private API key' });
  await vapi.getByRole('button', { name: 'Replace' }).click();
  await vapi.getByLabel('New Vapi private API key').fill('vapi_sk_never_stored');
  await expect(status(page)).toHaveText('3 unsaved changes');

  await page.reload();
  const notice = page.getByRole('alert').filter({ hasText: 'Restored 2 unsaved changes from before the reload.' });
  await expect(notice).toBeVisible();
  await expect(status(page)).toHaveText('2 unsaved changes');
  const stored = await page.evaluate(() => JSON.stringify(sessionStorage));
  expect(stored).toContain('Survives a reload');
  expect(stored).not.toContain('vapi_sk_never_stored');
  await navLink(page, 'Limits').click();
  await expect(page.getByLabel('Outbound timeout (s)')).toHaveValue('120');

  // Changed on the server meanwhile: the restore merges (the server's edit taken, mine kept).
  await stack.setRaw(DEMO_PROJECT_ID, { max_call_duration: 777 });
  await page.reload();
  await expect(page.getByRole('alert').filter({ hasText: 'Restored 2 unsaved changes' })).toContainText(
    'Merged with changes made elsewhere: Maximum call duration (s).',
  );
  await expect(page.getByLabel('Maximum call duration (s)')).toHaveValue('777');
  await expect(page.getByLabel('Outbound timeout (s)')).toHaveValue('120');
  await saveThrough(page);
  expect(await stack.getProject(DEMO_PROJECT_ID)).toMatchObject({
    name: 'Survives a reload',
    outbound_timeout: 120,
    max_call_duration: 777,
  });
  await expect
    .poll(() => page.evaluate((key) => sessionStorage.getItem(key), `cekura-console:draft:${DEMO_PROJECT_ID}`))
    .toBeNull();
});

test('a restored draft that conflicts with a change made meanwhile asks first, then restores the choice', async ({
  page,
  stack,
}) => {
  page.on('dialog', (dialog) => void dialog.accept());
  await open(page, 'limits');
  await page.getByLabel('Maximum call duration (s)').fill('650');
  await stack.setRaw(DEMO_PROJECT_ID, { max_call_duration: 777 });
  await page.reload();
  const dialog = conflictDialog(page);
  const item = dialog.getByRole('group', { name: 'Maximum call duration (s)', exact: true });
  await expect(item).toContainText('Mine (this page)650');
  await expect(dialog.getByRole('button', { name: 'Back to editing' })).toHaveCount(0);
  await item.getByRole('button', { name: 'Keep mine' }).click();
  await dialog.getByRole('button', { name: 'Apply choices' }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: 'Restored 1 unsaved change from before the reload.' }),
  ).toBeVisible();
  await expect(page.getByLabel('Maximum call duration (s)')).toHaveValue('650');
  await expect(status(page)).toHaveText('1 unsaved change');
  expect((await stack.getProject(DEMO_PROJECT_ID)).max_call_duration).toBe(777); // nothing sent yet
});

test('a dropped connection after the upstream applied the PATCH ends in "Saved", not a false conflict', async ({
  page,
  stack,
}) => {
  await open(page, 'general');
  await page.getByLabel('Name', { exact: true }).fill('Saved despite the drop');
  await stack.fault({ method: 'PATCH', path: PROJECT_PATH, kind: 'drop-after' });
  await stack.clearRequests();
  await openReview(page);
  await confirmReview(page);
  await expect(page.getByText('Saved 1 change.')).toBeVisible();
  await expect(status(page)).toHaveText('No unsaved changes');
  await expect(conflictDialog(page)).toHaveCount(0);
  await expect(reviewDialog(page)).toHaveCount(0);
  await expect(page.getByRole('alert').filter({ hasText: /Not saved|changed elsewhere|may not/ })).toHaveCount(0);
  expect(patches(await stack.requests())).toHaveLength(1);
  expect((await stack.getProject(DEMO_PROJECT_ID)).name).toBe('Saved despite the drop');

  // The next save is based on the adopted version: no 412.
  await page.getByLabel('Name', { exact: true }).fill('And once more');
  await saveThrough(page);
  expect((await stack.getProject(DEMO_PROJECT_ID)).name).toBe('And once more');
});

test('a change made elsewhere while editing shows a banner and never overwrites the draft; without edits it is adopted', async ({
  page,
  stack,
}) => {
  const focus = () => page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await open(page, 'limits');
  await stack.setRaw(DEMO_PROJECT_ID, { max_call_duration: 700 });
  await focus();
  await expect(page.getByLabel('Maximum call duration (s)')).toHaveValue('700'); // no edits: taken silently
  await expect(page.getByRole('alert').filter({ hasText: 'changed elsewhere' })).toHaveCount(0);

  await page.getByLabel('Sample rate (%)').fill('30');
  await page.getByLabel('Maximum call duration (s)').fill('650');
  await stack.setRaw(DEMO_PROJECT_ID, { max_call_duration: 777, outbound_timeout: 111 });
  await focus();
  const banner = page.getByRole('alert').filter({ hasText: 'This project was changed elsewhere.' });
  await expect(banner).toBeVisible();
  await expect(page.getByLabel('Sample rate (%)')).toHaveValue('30');
  await expect(page.getByLabel('Maximum call duration (s)')).toHaveValue('650');
  await expect(page.getByLabel('Outbound timeout (s)')).toHaveValue('240');
  await expect(status(page)).toHaveText('2 unsaved changes');

  await banner.getByRole('button', { name: 'Merge now' }).click();
  const dialog = conflictDialog(page);
  const item = dialog.getByRole('group', { name: 'Maximum call duration (s)', exact: true });
  await expect(item).toContainText('Mine (this page)650');
  await expect(item).toContainText('Theirs (saved elsewhere)777');
  await expect(dialog).toContainText('Taken from the other version (you had not changed them): Outbound timeout (s).');
  await item.getByRole('button', { name: 'Keep mine' }).click();
  await dialog.getByRole('button', { name: 'Continue to review' }).click();
  const review = reviewDialog(page);
  await expect(review.getByRole('listitem')).toHaveText([
    'Maximum call duration (s): 777 → 650',
    'Sample rate (%): 50% → 30%',
  ]);
  await confirmReview(page);
  await expect(saved(page)).toBeVisible();
  expect(await stack.getProject(DEMO_PROJECT_ID)).toMatchObject({
    max_call_duration: 650,
    sample_rate: 0.3,
    outbound_timeout: 111,
  });
  await expect(banner).toHaveCount(0);
});
