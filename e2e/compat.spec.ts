// Compatibility with a newer API: fields our schemas do not know are shown read-only and never sent back.
import type { Page } from '@playwright/test';
import { expect, test, type EmuRequest } from './fixtures';
import { saveAndConfirm } from './helpers';
import { DEMO_PROJECT_ID } from '../src/server/emulator/seed';

const patches = (requests: EmuRequest[]) => requests.filter((r) => r.method === 'PATCH');
const otherFields = (page: Page) => page.getByRole('region', { name: 'Other fields from Cekura' });

test('fields unknown to the console are shown read-only in General and a save never sends them', async ({
  page,
  stack,
}) => {
  await stack.setExtraFields(DEMO_PROJECT_ID, { voice_region: 'eu-west', retention_days: 30 });
  await page.goto(`/projects/${DEMO_PROJECT_ID}/general`);
  await expect(otherFields(page)).toContainText('voice_region');
  await expect(otherFields(page)).toContainText('eu-west');
  await expect(otherFields(page)).toContainText('retention_days');
  await expect(otherFields(page).getByRole('textbox')).toHaveCount(0);

  await page.getByLabel('Name', { exact: true }).fill('Renamed with extras');
  await stack.clearRequests();
  await saveAndConfirm(page);
  await expect.poll(async () => patches(await stack.requests()).length).toBe(1);
  expect(patches(await stack.requests()).map((r) => r.body)).toEqual([{ name: 'Renamed with extras' }]);
  await expect(otherFields(page)).toContainText('eu-west');
});

test('without unknown fields there is no "Other fields" section', async ({ page }) => {
  await page.goto(`/projects/${DEMO_PROJECT_ID}/general`);
  await expect(page.getByLabel('Name', { exact: true })).toBeVisible();
  await expect(otherFields(page)).toHaveCount(0);
});
