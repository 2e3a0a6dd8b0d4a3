// Failures while talking to Cekura, in Chromium through the real admin server and emulator with injected
// faults: the user reads what happened, the draft stays, Retry repeats the action, and nothing is half-written.
import type { Page } from '@playwright/test';
import { expect, test, type EmuRequest, type FaultSpec, type Stack } from './fixtures';
import { confirmReviewIfShown, saveAndConfirm } from './helpers';
import { DEMO_PROJECT_ID } from '../src/server/emulator/seed-demo';

// 'slow' faults must outlast the server's upstream timeout; a short one keeps these tests quick.
test.use({ upstreamTimeoutMs: 2000 });

const PROJECT_PATH = `/user/v1/projects/${DEMO_PROJECT_ID}/`;
const NEW_NAME = 'Acme after a fault';
const patchesOf = (requests: EmuRequest[]) => requests.filter((r) => r.method === 'PATCH' && r.path === PROJECT_PATH);
const nameField = (page: Page) => page.getByLabel('Name', { exact: true });
const saveStatus = (page: Page) => page.getByRole('status').filter({ hasText: /unsaved|Read-only/ });
const problem = (page: Page) => page.getByRole('alert').filter({ hasText: /Not saved|Saving may not have finished/ });

async function editName(page: Page, stack: Stack): Promise<string> {
  await page.goto(`/projects/${DEMO_PROJECT_ID}/general`);
  await expect(nameField(page)).toBeVisible();
  const before = (await stack.getProject(DEMO_PROJECT_ID)).name as string;
  await nameField(page).fill(NEW_NAME);
  await stack.clearRequests();
  return before;
}

/** The failed save left the draft in place and nothing applied upstream. */
async function expectDraftKeptAndNothingWritten(page: Page, stack: Stack, before: string) {
  await expect(problem(page)).toContainText('Your edits are kept.');
  await expect(nameField(page)).toHaveValue(NEW_NAME);
  await expect(saveStatus(page)).toHaveText('1 unsaved change');
  expect((await stack.getProject(DEMO_PROJECT_ID)).name).toBe(before);
  expect(patchesOf(await stack.requests()).filter((r) => r.status === 200)).toEqual([]);
}

/** Retry in the banner saves again; exactly one PATCH is applied, with only the edited field. */
async function retryAndExpectSaved(page: Page, stack: Stack) {
  await problem(page).getByRole('button', { name: 'Retry' }).click();
  await confirmReviewIfShown(page);
  await expect(page.getByText('Saved 1 change.')).toBeVisible();
  await expect(problem(page)).toHaveCount(0);
  expect((await stack.getProject(DEMO_PROJECT_ID)).name).toBe(NEW_NAME);
  const applied = patchesOf(await stack.requests()).filter((r) => r.status === 200);
  expect(applied.map((r) => r.body)).toEqual([{ name: NEW_NAME }]);
}

const cases: { name: string; fault: FaultSpec; title: string; also?: RegExp }[] = [
  {
    name: '500',
    fault: { method: 'PATCH', path: PROJECT_PATH, kind: 'status', status: 500 },
    title: 'Not saved: Cekura had a problem (500).',
  },
  {
    name: '503',
    fault: { method: 'PATCH', path: PROJECT_PATH, kind: 'status', status: 503 },
    title: 'Not saved: Cekura had a problem (503).',
    also: /usually temporary/,
  },
  {
    name: '401 (the console key is wrong)',
    fault: { method: 'PATCH', path: PROJECT_PATH, kind: 'status', status: 401, body: { detail: 'Invalid API key.' } },
    title: "Not saved: the Cekura API rejected the console's API key.",
    also: /CEKURA_API_KEY/,
  },
  {
    name: 'drop before the write',
    fault: { method: 'PATCH', path: PROJECT_PATH, kind: 'drop' },
    title: 'Not saved: Cekura could not be reached.',
    also: /did not reach it/,
  },
  {
    // The server reads the project before writing (the If-Match check); every try of that read times out.
    name: 'timeout before the write',
    fault: { method: 'GET', path: PROJECT_PATH, kind: 'slow', delayMs: 4000, times: 3 },
    title: 'Not saved: Cekura did not answer in time.',
    also: /did not reach it/,
  },
];

for (const c of cases) {
  test(`save fails with ${c.name}: the message, the draft kept, nothing written, Retry saves`, async ({
    page,
    stack,
  }) => {
    const before = await editName(page, stack);
    await stack.fault(c.fault);
    await saveAndConfirm(page);
    await expect(problem(page).getByText(c.title)).toBeVisible();
    if (c.also) await expect(problem(page)).toContainText(c.also);
    await expectDraftKeptAndNothingWritten(page, stack, before);
    // Any fault left over (a try the server did not make) must not meet the retry.
    await stack.clearFaults();
    await retryAndExpectSaved(page, stack);
  });
}

test('save rate-limited (429 with Retry-After): a live countdown, then Retry saves', async ({ page, stack }) => {
  const before = await editName(page, stack);
  await stack.fault({ method: 'PATCH', path: PROJECT_PATH, kind: 'status', status: 429, retryAfter: 3 });
  await saveAndConfirm(page);
  await expect(problem(page).getByText('Not saved: Cekura is limiting the rate of requests.')).toBeVisible();
  await expect(problem(page)).toContainText(/Try again in [123] s\./);
  await expectDraftKeptAndNothingWritten(page, stack, before);
  await expect(problem(page)).toContainText('You can try again now.');
  await retryAndExpectSaved(page, stack);
});

test('save while offline: "You are offline", the draft kept; back online, Retry saves', async ({
  page,
  context,
  stack,
}) => {
  const before = await editName(page, stack);
  // The review dialog's code loads on first use (offline it cannot, and the console then sends nothing):
  // open it once and go back, as a user who reviewed before losing the network.
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const review = page.getByRole('dialog', { name: /review/i });
  await review.getByRole('button', { name: 'Back' }).click();
  await expect(review).toBeHidden();
  await context.setOffline(true);
  await saveAndConfirm(page);
  // Without an answer the console cannot read the project back either: it says so, and why.
  await expect(problem(page).getByText(/^(Not saved|Saving may not have finished): you are offline\.$/)).toBeVisible();
  await expectDraftKeptAndNothingWritten(page, stack, before);
  expect(patchesOf(await stack.requests())).toEqual([]);
  await context.setOffline(false);
  await retryAndExpectSaved(page, stack);
});

test('save of a project that is gone (404): says so and links to the project picker', async ({ page, stack }) => {
  const before = await editName(page, stack);
  await stack.fault({
    method: 'PATCH',
    path: PROJECT_PATH,
    kind: 'status',
    status: 404,
    body: { detail: 'Not found.' },
  });
  await saveAndConfirm(page);
  await expect(
    problem(page).getByText("Not saved: this project no longer exists or this key can't see it."),
  ).toBeVisible();
  await expect(problem(page).getByRole('link', { name: 'Choose a project' })).toHaveAttribute('href', '/');
  await expectDraftKeptAndNothingWritten(page, stack, before);
  await retryAndExpectSaved(page, stack);
});

// The write reached Cekura but its answer never came back: the console reads the project back to find out.
test('outcome unknown, write applied (the connection drops after the write): reported as saved, written once', async ({
  page,
  stack,
}) => {
  await editName(page, stack);
  await stack.fault({ method: 'PATCH', path: PROJECT_PATH, kind: 'drop-after' });
  await saveAndConfirm(page);
  await expect(page.getByText('Saved 1 change.')).toBeVisible();
  await expect(problem(page)).toHaveCount(0);
  await expect(saveStatus(page)).toHaveText('No unsaved changes');
  expect((await stack.getProject(DEMO_PROJECT_ID)).name).toBe(NEW_NAME);
  expect(patchesOf(await stack.requests())).toHaveLength(1);
});

test('outcome unknown, write lands after the timeout: the console waits for it to settle, reports it saved, written once', async ({
  page,
  stack,
}) => {
  await editName(page, stack);
  // Slower than UPSTREAM_TIMEOUT_MS (2 s) but within the 2 x the server keeps the write open: the browser gets
  // 504, the server sees the write land, and the console's re-read waits until X-Write-Pending is gone.
  await stack.fault({ method: 'PATCH', path: PROJECT_PATH, kind: 'slow', delayMs: 3000 });
  await saveAndConfirm(page);
  await expect(page.getByText('Saved 1 change.')).toBeVisible({ timeout: 20_000 });
  await expect(problem(page)).toHaveCount(0);
  await expect(saveStatus(page)).toHaveText('No unsaved changes');
  expect((await stack.getProject(DEMO_PROJECT_ID)).name).toBe(NEW_NAME);
  expect(patchesOf(await stack.requests())).toHaveLength(1);
});

test('loading the project: a 500 is explained and Retry loads it', async ({ page, stack }) => {
  // The console tries a failed read three times before showing the problem; index.html's own read of the
  // project (src/server/proxy/first-screen.ts) meets the fault first.
  await stack.fault({ method: 'GET', path: PROJECT_PATH, kind: 'status', status: 500, times: 4 });
  await page.goto(`/projects/${DEMO_PROJECT_ID}/general`);
  const alert = page.getByRole('alert').filter({ hasText: 'Cekura had a problem (500).' });
  await expect(alert).toContainText(`Project ${DEMO_PROJECT_ID} could not be loaded.`);
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(nameField(page)).toHaveValue((await stack.getProject(DEMO_PROJECT_ID)).name);
});

test('loading a project that does not exist: says so, with a link to the picker', async ({ page }) => {
  await page.goto('/projects/999999/general');
  const alert = page.getByRole('alert').filter({ hasText: "This project no longer exists or this key can't see it." });
  await expect(alert).toBeVisible();
  await alert.getByRole('link', { name: 'Choose a project' }).click();
  await expect(page.getByRole('heading', { name: 'Projects' })).toBeVisible();
});

test('the project list rate-limited: the wait is shown and Retry lists the projects', async ({ page, stack }) => {
  // Three tries: the server retries a read once or twice before passing the 429 on.
  await stack.fault({
    method: 'GET',
    path: '/user/v1/projects/',
    kind: 'status',
    status: 429,
    retryAfter: 1,
    times: 3,
  });
  await page.goto('/');
  const alert = page.getByRole('alert').filter({ hasText: 'Cekura is limiting the rate of requests.' });
  await expect(alert).toContainText('The projects could not be loaded.');
  await expect(alert).toContainText(/Try again in 1 s\.|You can try again now\./);
  await stack.clearFaults();
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('list', { name: 'Projects' }).getByRole('link')).not.toHaveCount(0);
});

test('a list inside a section (the metrics) says what failed in the same words', async ({ page, stack }) => {
  await stack.fault({ method: 'GET', path: '/test_framework/v1/metrics/', kind: 'status', status: 500, times: 10 });
  await page.goto(`/projects/${DEMO_PROJECT_ID}/rubric`);
  await expect(page.getByRole('alert').filter({ hasText: "The project's metrics could not be loaded." })).toContainText(
    'Cekura had a problem (500).',
  );
});

test('a list read while offline (the history): "You are offline", and Retry lists it once back online', async ({
  page,
  context,
}) => {
  await page.goto(`/projects/${DEMO_PROJECT_ID}/history`);
  await expect(page.getByRole('heading', { level: 1, name: 'History' })).toBeVisible();
  const sections = page.getByRole('navigation', { name: 'Project sections' });
  await sections.getByRole('link', { name: /^General/ }).click();
  await context.setOffline(true);
  await sections.getByRole('link', { name: /^History/ }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'You are offline.' });
  await expect(alert).toContainText('The history could not be loaded.');
  await context.setOffline(false);
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(alert).toHaveCount(0);
  await expect(page.getByText(/No saves yet|through this console/).first()).toBeVisible();
});
