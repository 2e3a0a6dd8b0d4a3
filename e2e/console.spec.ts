// The console shell, General and Limits, in Chromium through the real admin server and the emulator.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test, type EmuRequest } from './fixtures';
import { confirmReview, openReview, reviewDialog } from './helpers';
import { DEMO_PROJECT_ID, DELETED_PROJECT_ID, SECOND_PROJECT_ID } from '../src/server/emulator/seed-demo';

const PROJECT_PATH = `/user/v1/projects/${DEMO_PROJECT_ID}/`;
const patches = (requests: EmuRequest[]) => requests.filter((r) => r.method === 'PATCH');
const status = (page: Page) => page.getByRole('status').filter({ hasText: /unsaved|Read-only/ });
const saveButton = (page: Page) => page.getByRole('button', { name: 'Save', exact: true });
const navLink = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Project sections' }).getByRole('link', { name: new RegExp(`^${name}`) });

async function openGeneral(page: Page, projectId = DEMO_PROJECT_ID) {
  await page.goto(`/projects/${projectId}/general`);
  await expect(page.getByLabel('Name', { exact: true })).toBeVisible();
}

test('General and Limits: edits across sections go out in one PATCH with only the changed fields, and stay after a reload', async ({
  page,
  stack,
}) => {
  await openGeneral(page);
  await expect(page.getByText('Demo data (built-in emulator)')).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill('Acme Support Line EU');
  await page.getByLabel('Client-side testing').check();
  await page.getByRole('combobox', { name: 'Time zone' }).fill('Europe/Berl');
  await page.getByRole('option', { name: 'Europe/Berlin' }).click();
  await expect(navLink(page, 'General')).toContainText('3 unsaved changes');

  await navLink(page, 'Limits').click();
  await page.getByLabel('Sample rate (%)').fill('12.5');
  await page.getByLabel('Maximum call duration (s)').fill('600');
  // Edited back to the saved value: clean again.
  await page.getByLabel('Chat message limit').fill('101');
  await page.getByLabel('Chat message limit').fill('100');
  await expect(status(page)).toHaveText('5 unsaved changes');
  await expect(navLink(page, 'Limits')).toContainText('2 unsaved changes');

  await stack.clearRequests();
  await openReview(page);
  await confirmReview(page);
  await expect(page.getByText('Saved 5 changes.')).toBeVisible();
  await expect(status(page)).toHaveText('No unsaved changes');

  const sent = patches(await stack.requests());
  expect(sent).toHaveLength(1);
  expect(sent[0].path).toBe(PROJECT_PATH);
  expect(sent[0].body).toEqual({
    name: 'Acme Support Line EU',
    enable_client_side_testing: true,
    timezone: 'Europe/Berlin',
    sample_rate: 0.125,
    max_call_duration: 600,
  });

  await page.reload();
  await expect(page.getByLabel('Sample rate (%)')).toHaveValue('12.5');
  await expect(page.getByLabel('Maximum call duration (s)')).toHaveValue('600');
  await navLink(page, 'General').click();
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Acme Support Line EU');
  await expect(page.getByRole('combobox', { name: 'Time zone' })).toHaveValue('Europe/Berlin');
  await expect(page.getByLabel('Client-side testing')).toBeChecked();
  const stored = await stack.getProject(DEMO_PROJECT_ID);
  expect(stored).toMatchObject({
    name: 'Acme Support Line EU',
    sample_rate: 0.125,
    max_call_duration: 600,
    min_call_duration: 20,
  });
});

test('bad values show messages at their fields and send nothing', async ({ page, stack }) => {
  await openGeneral(page);
  await page.getByLabel('Name', { exact: true }).fill('   ');
  await expect(page.getByText('This field may not be blank.')).toBeVisible();
  await navLink(page, 'Limits').click();
  await page.getByLabel('Minimum call duration (s)').fill('12.5');
  await expect(page.getByText('Enter a whole number (no decimals or letters).')).toBeVisible();
  await page.getByLabel('Minimum call duration (s)').fill('60');
  await page.getByLabel('Maximum call duration (s)').fill('30');
  await expect(page.getByText('The minimum call duration must not exceed the maximum.')).toHaveCount(2);
  await page.getByLabel('Outbound timeout (s)').fill('301');
  await expect(page.getByText('At most 300 seconds (5 minutes).')).toBeVisible();
  await page.getByLabel('Sample rate (%)').fill('0.0005');
  await expect(page.getByText('At most 3 decimals (0.001% is the finest step).')).toBeVisible();

  await stack.clearRequests();
  await saveButton(page).click();
  await expect(page.getByText('Not saved: some values need fixing.')).toBeVisible();
  await page.keyboard.press('Control+s');
  await expect(status(page)).toHaveText('5 unsaved changes');
  expect(patches(await stack.requests())).toHaveLength(0);

  // Fixing the maximum clears the minimum's message too.
  await page.getByLabel('Maximum call duration (s)').fill('600');
  await expect(page.getByText('The minimum call duration must not exceed the maximum.')).toHaveCount(0);
});

test('a save failing upstream keeps the edits, and the next save goes through', async ({ page, stack }) => {
  await openGeneral(page);
  await page.getByLabel('Name', { exact: true }).fill('Acme after an outage');
  await stack.fault({ method: 'PATCH', path: PROJECT_PATH, kind: 'status', status: 500, times: 1 });
  await openReview(page);
  await confirmReview(page);
  await expect(page.getByRole('alert').filter({ hasText: /^Not saved/ })).toContainText('Your edits are kept.');
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Acme after an outage');
  await expect(status(page)).toHaveText('1 unsaved change');

  await openReview(page, 'keys');
  await confirmReview(page);
  await expect(page.getByText('Saved 1 change.')).toBeVisible();
  expect((await stack.getProject(DEMO_PROJECT_ID)).name).toBe('Acme after an outage');
});

test('a field error from the API lands on its field', async ({ page, stack }) => {
  await openGeneral(page);
  await page.getByLabel('Name', { exact: true }).fill('Refused name');
  await stack.fault({
    method: 'PATCH',
    path: PROJECT_PATH,
    kind: 'status',
    status: 400,
    body: { name: ['Project with this name already exists.'] },
  });
  await openReview(page);
  await confirmReview(page);
  await expect(page.getByText('Project with this name already exists.')).toBeVisible();
  await expect(page.getByLabel('Name', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Refused name');
});

test('a project changed elsewhere: the 412 is merged, the review shows what is left, and the save keeps both changes', async ({
  page,
  stack,
}) => {
  await openGeneral(page);
  await page.getByLabel('Name', { exact: true }).fill('My edit');
  await stack.setRaw(DEMO_PROJECT_ID, { max_call_duration: 777 });
  await stack.clearRequests();
  await openReview(page);
  await reviewDialog(page).getByRole('button', { name: 'Confirm' }).click(); // 412: the merged review opens again
  const review = reviewDialog(page);
  await expect(review).toContainText('Merged with changes made elsewhere: Maximum call duration (s).');
  await expect(review.getByRole('listitem')).toHaveText(['Name: Acme Support Line → My edit']);
  await confirmReview(page);
  await expect(page.getByText('Saved 1 change.')).toBeVisible();
  // The 412 comes from the admin server (its If-Match check): only the merged save reaches the API.
  expect(patches(await stack.requests()).map((r) => r.body)).toEqual([{ name: 'My edit' }]);
  await navLink(page, 'Limits').click();
  await expect(page.getByLabel('Maximum call duration (s)')).toHaveValue('777');
  expect(await stack.getProject(DEMO_PROJECT_ID)).toMatchObject({ name: 'My edit', max_call_duration: 777 });
});

test('a read-only key: a 403 on save switches the console to read-only and says why', async ({ page, stack }) => {
  await openGeneral(page);
  await page.getByLabel('Name', { exact: true }).fill('Not allowed');
  await stack.fault({
    method: 'PATCH',
    path: PROJECT_PATH,
    kind: 'status',
    status: 403,
    body: { detail: 'This API key is read-only: it cannot change anything.' },
  });
  await openReview(page);
  await confirmReview(page);
  await expect(page.getByText('Not saved: this API key is read-only.')).toBeVisible();
  await expect(status(page)).toContainText('Read-only');
  await expect(saveButton(page)).toBeDisabled();
  await expect(page.getByLabel('Name', { exact: true })).toBeEditable();
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Not allowed');
});

test('moving between sections keeps edits without a warning; leaving the project warns', async ({ page }) => {
  let dialogs = 0;
  page.on('dialog', (dialog) => {
    dialogs += 1;
    void dialog.accept();
  });
  await openGeneral(page);
  await page.getByLabel('Name', { exact: true }).fill('Kept across sections');
  for (const section of [
    'Limits',
    'Notifications',
    'No-calls schedule',
    'Integrations',
    'Rubric builder',
    'History',
    'General',
  ]) {
    await navLink(page, section).click();
    await expect(page).toHaveURL(new RegExp(`/projects/${DEMO_PROJECT_ID}/`));
  }
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Kept across sections');

  await page.getByRole('link', { name: 'All projects' }).click();
  const leave = page.getByRole('dialog', { name: 'Leave this project?' });
  await expect(leave).toContainText('1 unsaved change');
  await leave.getByRole('button', { name: 'Stay' }).click();
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Kept across sections');

  await page.getByRole('link', { name: 'All projects' }).click();
  await leave.getByRole('button', { name: 'Leave without saving' }).click();
  await expect(page.getByRole('heading', { name: 'Projects' })).toBeVisible();
  await expect(page.getByRole('link', { name: /Legacy IVR Pilot/ })).toContainText('Deleted');

  // Browser back into the project and out again with an edit: asked too.
  await page.getByRole('link', { name: /Bolt Sales Outbound/ }).click();
  await page.getByLabel('Name', { exact: true }).fill('Bolt edited');
  await page.goBack();
  await expect(page.getByRole('dialog', { name: 'Leave this project?' })).toBeVisible();
  await page.getByRole('button', { name: 'Stay' }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${SECOND_PROJECT_ID}/general`));
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Bolt edited');
  expect(dialogs).toBe(0); // no native dialogs along the way
});

test('closing or reloading the tab with unsaved edits asks first (beforeunload); a clean page does not', async ({
  page,
}) => {
  const kinds: string[] = [];
  page.on('dialog', (dialog) => {
    kinds.push(dialog.type());
    void dialog.accept(); // leave anyway
  });
  await openGeneral(page);
  await page.getByLabel('Name', { exact: true }).fill('About to be dropped');
  await page.reload();
  // Kept for this tab (review.spec.ts covers the restore); Discard drops it.
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('About to be dropped');
  expect(kinds).toEqual(['beforeunload']);
  await page
    .getByRole('alert')
    .filter({ hasText: 'Restored 1 unsaved change' })
    .getByRole('button', { name: 'Discard' })
    .click();
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Acme Support Line');
  await page.getByLabel('Name', { exact: true }).click();
  await page.reload();
  await expect(page.getByLabel('Name', { exact: true })).toBeVisible();
  expect(kinds).toEqual(['beforeunload']);
});

test('a deleted project: marked in the picker, a banner, and Restore after a confirmation', async ({ page, stack }) => {
  await page.goto('/');
  await page.getByRole('link', { name: /Legacy IVR Pilot/ }).click();
  const banner = page.getByRole('alert').filter({ hasText: 'This project is deleted' });
  await expect(banner).toBeVisible();
  await stack.clearRequests();
  await banner.getByRole('button', { name: 'Restore' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Restore project' }).click();
  // The open dialog hides the banner from the accessibility tree: wait for the dialog to close first.
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Delete project' })).toBeVisible();
  await expect(banner).toHaveCount(0);
  expect(patches(await stack.requests()).map((r) => r.body)).toEqual([{ is_deleted: false }]);
  expect((await stack.getProject(DELETED_PROJECT_ID)).is_deleted).toBe(false);
});

test('Delete project asks first, keeps other edits unsaved, and can be undone', async ({ page, stack }) => {
  await openGeneral(page, SECOND_PROJECT_ID);
  await page.getByLabel('Name', { exact: true }).fill('Unsaved while deleting');
  await page.getByRole('button', { name: 'Delete project' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect((await stack.getProject(SECOND_PROJECT_ID)).is_deleted).toBe(false);

  await stack.clearRequests();
  await page.getByRole('button', { name: 'Delete project' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete project' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'This project is deleted' })).toBeVisible();
  expect(patches(await stack.requests()).map((r) => r.body)).toEqual([{ is_deleted: true }]);
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Unsaved while deleting');
  await expect(status(page)).toHaveText('1 unsaved change');

  await page.getByRole('button', { name: 'Restore project' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Restore project' }).click();
  // While the dialog is open the page behind it is hidden from the accessibility tree, so "no alert" alone
  // would pass at once: wait for the dialog to close and the Delete button to be back first.
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Delete project' })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'This project is deleted' })).toHaveCount(0);
  expect((await stack.getProject(SECOND_PROJECT_ID)).is_deleted).toBe(false);
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Unsaved while deleting');
});

test('an odd stored value is a warning at its field and does not block saving another field', async ({
  page,
  stack,
}) => {
  await stack.setRaw(DEMO_PROJECT_ID, { sample_rate: 7 });
  await page.goto(`/projects/${DEMO_PROJECT_ID}/limits`);
  await expect(page.getByText(/Warning: Stored value 7 is unusual/)).toBeVisible();
  await page.getByLabel('Chat message limit').fill('50');
  await stack.clearRequests();
  await openReview(page);
  await confirmReview(page);
  await expect(page.getByText('Saved 1 change.')).toBeVisible();
  expect(patches(await stack.requests()).map((r) => r.body)).toEqual([{ max_messages_chat_runs_limit: 50 }]);
});

for (const section of ['general', 'limits'] as const) {
  test(`axe reports no violations on ${section}`, async ({ page }) => {
    await page.goto(`/projects/${DEMO_PROJECT_ID}/${section}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(saveButton(page)).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
}
