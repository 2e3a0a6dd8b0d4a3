// Write integrity as the console shows it, in Chromium through the real admin server and emulator: the kinds of
// history rows, the 409 for a save behind one that is still being processed, and a save the history could not
// record. Its own workers (its own UPSTREAM_TIMEOUT_MS), so its history starts empty; the last test breaks the
// history store of its worker on purpose.
import Database from 'better-sqlite3';
import path from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { confirmReview, openReview, saveAndConfirm } from './helpers';
import { DEMO_PROJECT_ID } from '../src/server/emulator/seed-demo';

test.use({ upstreamTimeoutMs: 1500 });
test.describe.configure({ mode: 'serial' });

const P = DEMO_PROJECT_ID;
const PROJECT_PATH = `/user/v1/projects/${P}/`;
const PROJECT_API = `/api${PROJECT_PATH}`;
const entries = (page: Page) => page.getByRole('main').getByRole('article');
const nameField = (page: Page) => page.getByLabel('Name', { exact: true });

async function apiSave(
  request: APIRequestContext,
  baseURL: string,
  body: object,
  headers: Record<string, string> = {},
) {
  const etag = (await request.get(PROJECT_API)).headers().etag;
  return request.patch(PROJECT_API, { data: body, headers: { 'If-Match': etag, Origin: baseURL, ...headers } });
}

test('the History page shows each kind of row: save, revert, applied with the answer lost, changed outside', async ({
  page,
  stack,
  baseURL,
}) => {
  expect((await apiSave(page.request, baseURL!, { name: 'Kinds saved' })).status()).toBe(200);
  expect(
    (await apiSave(page.request, baseURL!, { name: 'Kinds reverted' }, { 'X-Save-Kind': 'revert' })).status(),
  ).toBe(200);
  await stack.fault({ method: 'PATCH', path: PROJECT_PATH, kind: 'drop-after' });
  expect((await apiSave(page.request, baseURL!, { name: 'Kinds answer lost' })).status()).toBe(502);
  await expect.poll(async () => (await page.request.get(PROJECT_API)).headers()['x-write-pending']).toBeUndefined();
  await stack.setRaw(P, { name: 'Kinds changed in Cekura' });
  expect((await apiSave(page.request, baseURL!, { sample_rate: 0.25 })).status()).toBe(200);

  await page.goto(`/projects/${P}/history`);
  await expect(entries(page)).toHaveCount(5);
  const [latest, outside, lost, revert, save] = [0, 1, 2, 3, 4].map((i) => entries(page).nth(i));
  await expect(latest).toContainText('Save');
  await expect(latest).toContainText('Sample rate (%): 50% → 25%');
  await expect(outside).toContainText('Changed outside the console');
  await expect(outside).toContainText('noticed at a save through this console (no sign-in set up)');
  await expect(outside).toContainText('Name: Kinds answer lost → Kinds changed in Cekura');
  await expect(lost).toContainText('Applied, answer lost');
  await expect(lost).toContainText('its answer never reached the console');
  await expect(lost).toContainText('Name: Kinds reverted → Kinds answer lost');
  await expect(revert).toContainText('Revert');
  await expect(revert).toContainText('Name: Kinds saved → Kinds reverted');
  await expect(save).toContainText('Name: ');
});

test('a save behind one still being processed gets the 409 wording, and the draft stays', async ({
  page,
  stack,
  baseURL,
}) => {
  await page.goto(`/projects/${P}/general`);
  await nameField(page).fill('Waiting behind a slow save');
  await openReview(page);
  // Another tab's save hangs at Cekura past 2 x the timeout, and so do the server's re-reads after it.
  await stack.fault({ method: 'PATCH', path: PROJECT_PATH, kind: 'hold', delayMs: 60_000 });
  const other = apiSave(page.request, baseURL!, { name: 'The slow save' });
  await expect.poll(async () => (await stack.requests()).some((r) => r.method === 'PATCH')).toBe(true);
  await stack.fault({ method: 'GET', path: PROJECT_PATH, kind: 'hold', delayMs: 60_000, times: 10 });
  await confirmReview(page);
  const alert = page.getByRole('alert').filter({ hasText: 'still being processed' });
  await expect(alert).toContainText('Not saved: an earlier save of this project is still being processed.', {
    timeout: 20_000,
  });
  await expect(alert).toContainText('Try again in a moment');
  await expect(nameField(page)).toHaveValue('Waiting behind a slow save');
  expect((await other).status()).toBe(504);
  await stack.clearFaults();
});

test('a save the history could not record says so, and the health check names the history store', async ({
  page,
  stack,
}) => {
  await page.goto(`/projects/${P}/general`);
  await nameField(page).fill('Saved without a history row');
  // Break the store under the running server, as a failing disk would.
  const db = new Database(path.join(stack.dataDir, 'admin.sqlite'));
  db.exec('DROP TABLE save_history');
  db.close();
  await saveAndConfirm(page);
  await expect(page.getByText('Saved, but the history could not record it.')).toBeVisible();
  expect((await stack.getProject(P)).name).toBe('Saved without a history row');
  const health = await page.request.get('/app-api/health');
  expect(health.status()).toBe(503);
  expect((await health.json()).detail).toContain('admin.sqlite');
});
