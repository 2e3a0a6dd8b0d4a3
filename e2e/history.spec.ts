// The History page, in Chromium through the real admin server and emulator: saves listed newest first with
// their changes, "Revert this save" as a draft that goes through the normal Save, and no secret ever recorded.
// The admin server's history lives in the worker's DATA_DIR and outlives the emulator reset between tests,
// so these tests look at the entries they made (the newest), never at the total.
import AxeBuilder from '@axe-core/playwright';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { saveAndConfirm } from './helpers';
import { DEMO_PROJECT_ID } from '../src/server/emulator/seed-demo';

const P = DEMO_PROJECT_ID;
const PROJECT_API = `/api/user/v1/projects/${P}/`;
const navLink = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Project sections' }).getByRole('link', { name: new RegExp(`^${name}`) });
const entries = (page: Page) => page.getByRole('main').getByRole('article');
const saveStatus = (page: Page) => page.getByRole('status').filter({ hasText: /unsaved/ });

/** Saves through the admin server's API, as another console tab would (recorded in the history like any save). */
async function apiSaves(request: APIRequestContext, baseURL: string, bodies: object[]): Promise<void> {
  let etag = (await request.get(PROJECT_API)).headers().etag;
  for (const body of bodies) {
    const res = await request.patch(PROJECT_API, { data: body, headers: { 'If-Match': etag, Origin: baseURL } });
    expect(res.status(), await res.text()).toBe(200);
    etag = res.headers().etag;
  }
}

test('a save is listed with its changes; Revert prepares the old values, and saving them restores the project', async ({
  page,
  stack,
}) => {
  const original = await stack.getProject(P);
  await page.goto(`/projects/${P}/general`);
  await page.getByLabel('Name', { exact: true }).fill('Acme renamed for history');
  await navLink(page, 'Limits').click();
  await page.getByLabel('Sample rate (%)').fill('12.5');
  await saveAndConfirm(page);
  await expect(page.getByText('Saved 2 changes.')).toBeVisible();

  await navLink(page, 'History').click();
  await expect(page).toHaveURL(new RegExp(`/projects/${P}/history$`));
  await expect(page.getByRole('heading', { level: 1, name: 'History' })).toBeVisible();
  const newest = entries(page).first();
  await expect(newest).toContainText('just now');
  await expect(newest).toContainText('through this console (no sign-in set up) · 2 changes');
  await expect(newest.getByRole('group', { name: 'General changes' })).toContainText(
    `Name: ${original.name} → Acme renamed for history`,
  );
  await expect(newest.getByRole('group', { name: 'Limits changes' })).toContainText('Sample rate (%): 50% → 12.5%');
  await expect(newest.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);

  await newest.getByRole('button', { name: 'Revert this save' }).click();
  const dialog = page.getByRole('dialog', { name: 'Revert this save?' });
  await expect(dialog).toContainText('Name, Sample rate (%)');
  await dialog.getByRole('button', { name: 'Prepare the revert' }).click();
  // The draft opens in the first section it touches; nothing is sent until Save.
  await expect(page).toHaveURL(new RegExp(`/projects/${P}/general$`));
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue(original.name);
  await expect(saveStatus(page)).toHaveText('2 unsaved changes');
  expect((await stack.getProject(P)).name).toBe('Acme renamed for history');

  await stack.clearRequests();
  await saveAndConfirm(page);
  await expect(page.getByText('Saved 2 changes.')).toBeVisible();
  const stored = await stack.getProject(P);
  expect(stored.name).toBe(original.name);
  expect(stored.sample_rate).toBe(original.sample_rate);
  expect((await stack.requests()).filter((r) => r.method === 'PATCH').map((r) => r.body)).toEqual([
    { name: original.name, sample_rate: original.sample_rate },
  ]);

  // The revert is itself a save, listed first and marked as a revert.
  await navLink(page, 'History').click();
  await expect(entries(page).first().getByRole('group', { name: 'General changes' })).toContainText(
    `Name: Acme renamed for history → ${original.name}`,
  );
  await expect(entries(page).first()).toContainText('This save put back values from an earlier one.');
});

test('a provider key set through the UI is never in the history: only "replaced", and it cannot be reverted', async ({
  page,
  stack,
}) => {
  const secret = `vapi_sk_history_${Date.now().toString(36)}_CANARY`;
  await page.goto(`/projects/${P}/integrations`);
  const vapi = page.getByRole('group', { name: 'Vapi private API key' });
  await vapi.getByRole('button', { name: 'Replace' }).click();
  await vapi.getByLabel('New Vapi private API key').fill(secret);
  await saveAndConfirm(page);
  await expect(page.getByText('Saved 1 change.')).toBeVisible();
  // The key really was stored upstream (so the history below had a secret to leak).
  const secrets = (await (await fetch(`${stack.emulatorURL}/__emulator/secrets/${P}`)).json()) as {
    secrets: Record<string, unknown>;
  };
  expect(secrets.secrets.vapi_api_key).toBe(secret);

  const res = await page.request.get(`/app-api/projects/${P}/history?page=1&page_size=100`);
  expect(res.status()).toBe(200);
  const text = await res.text();
  expect(text).not.toContain(secret);
  expect(JSON.parse(text).results[0].changes).toEqual([{ field: 'vapi_api_key', secret: 'replaced' }]);

  await navLink(page, 'History').click();
  const newest = entries(page).first();
  await expect(newest.getByRole('group', { name: 'Integrations changes' })).toContainText(
    'Vapi private API key: replaced (secret values are never recorded)',
  );
  await expect(page.getByRole('main')).not.toContainText(secret);
  // Only a secret changed: nothing a revert could bring back, so none is offered.
  await expect(newest.getByRole('button', { name: 'Revert this save' })).toHaveCount(0);
  await expect(newest).toContainText('Only secrets changed, and their old values are never stored');
  await expect(saveStatus(page)).toHaveText('No unsaved changes');
});

test('a rubric change is shown rule by rule, and Revert restores the whole rubric', async ({
  page,
  stack,
  baseURL,
}) => {
  const original = await stack.getProject(P);
  const rules = original.rubric_config.rules as unknown[];
  expect(rules.length).toBeGreaterThan(1);
  await apiSaves(page.request, baseURL!, [{ rubric_config: { ...original.rubric_config, rules: rules.slice(1) } }]);

  await page.goto(`/projects/${P}/history`);
  const rubric = entries(page).first().getByRole('group', { name: 'Rubric builder changes' });
  await expect(rubric).toContainText(/Rubric: Removed rule: \S/);
  await expect(rubric).not.toContainText('Added rule');
  await entries(page).first().getByRole('button', { name: 'Revert this save' }).click();
  await page
    .getByRole('dialog', { name: 'Revert this save?' })
    .getByRole('button', { name: 'Prepare the revert' })
    .click();
  await expect(page).toHaveURL(new RegExp(`/projects/${P}/rubric$`));
  await expect(saveStatus(page)).toHaveText('1 unsaved change');
  await saveAndConfirm(page);
  await expect(page.getByText('Saved 1 change.')).toBeVisible();
  expect((await stack.getProject(P)).rubric_config).toEqual(original.rubric_config);
});

test('saves are paged newest first: "Older saves" shows the next page', async ({ page, baseURL }) => {
  const limits = Array.from({ length: 21 }, (_, i) => 201 + i);
  await apiSaves(
    page.request,
    baseURL!,
    limits.map((value) => ({ max_messages_chat_runs_limit: value })),
  );

  await page.goto(`/projects/${P}/history`);
  await expect(entries(page)).toHaveCount(20);
  await expect(entries(page).first()).toContainText('Chat message limit: 220 → 221');
  await expect(entries(page).nth(19)).toContainText('Chat message limit: 201 → 202');
  const pages = page.getByRole('navigation', { name: 'History pages' });
  await expect(pages.getByRole('button', { name: 'Newer saves' })).toBeDisabled();
  await pages.getByRole('button', { name: 'Older saves' }).click();
  await expect(page).toHaveURL(/history\?page=2$/);
  await expect(entries(page).first()).toContainText('Chat message limit: 100 → 201');
  await pages.getByRole('button', { name: 'Newer saves' }).click();
  await expect(entries(page).first()).toContainText('Chat message limit: 220 → 221');
});

test('the history page has no accessibility violations', async ({ page, baseURL }) => {
  await apiSaves(page.request, baseURL!, [
    { name: 'Acme for axe', end_call_enabled: false, daily_report_dashboard_ids: [] },
  ]);
  await page.goto(`/projects/${P}/history`);
  await expect(entries(page).first()).toContainText('Name:');
  const results = await new AxeBuilder({ page }).include('main').analyze();
  expect(results.violations).toEqual([]);
});
