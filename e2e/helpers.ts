// Shared e2e steps. Save opens the review dialog ("Review changes": the pending changes by section); its
// Confirm sends the PATCH.
import { expect, type Locator, type Page } from '@playwright/test';

const isProjectPatch = (method: string, url: string) =>
  method === 'PATCH' && /\/api\/user\/v1\/projects\/\d+\/$/.test(new URL(url).pathname);

/** Clicks the save bar's Save, waits for the review dialog and confirms it. */
export async function saveAndConfirm(page: Page): Promise<void> {
  await openReview(page);
  await confirmReview(page);
}

/**
 * After an action that saves (Save, a banner's Retry): confirms the review dialog if it opens. Returns as soon
 * as either the dialog appears (then confirms it) or the PATCH leaves without one; waits at most `timeout`.
 */
export async function confirmReviewIfShown(page: Page, timeout = 10_000): Promise<void> {
  const dialog = page.getByRole('dialog', { name: /review/i });
  const shown = dialog.waitFor({ state: 'visible', timeout }).then(() => 'dialog' as const);
  const sent = page
    .waitForRequest((req) => isProjectPatch(req.method(), req.url()), { timeout })
    .then(() => 'sent' as const);
  // The losing wait must not surface as an unhandled rejection.
  const outcome = await Promise.race([shown.catch(() => 'none' as const), sent.catch(() => 'none' as const)]);
  if (outcome !== 'dialog') return;
  await dialog
    .getByRole('button', { name: /^(save|confirm)/i })
    .last()
    .click();
  await expect(dialog).toBeHidden();
}

/** The review dialog that Save opens (strict: fails when it does not open). */
export const reviewDialog = (page: Page) => page.getByRole('dialog', { name: 'Review changes' });

/** Save (button or Ctrl+S), and the review dialog is shown; returns it unconfirmed. */
export async function openReview(page: Page, how: 'button' | 'keys' = 'button') {
  if (how === 'keys') await page.keyboard.press('Control+s');
  else await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(reviewDialog(page)).toBeVisible();
  return reviewDialog(page);
}

/** Confirms the open review dialog: the PATCH goes out. */
export async function confirmReview(page: Page): Promise<void> {
  await reviewDialog(page).getByRole('button', { name: 'Confirm' }).click();
  await expect(reviewDialog(page)).toBeHidden();
}

/** Picks a metric in a rule's metric picker by the start of its name (parentheses in names taken literally). */
export async function chooseMetric(group: Locator, name: string) {
  const picker = group.getByRole('combobox', { name: 'Metric' });
  await picker.click();
  await picker.fill(name);
  await group
    .page()
    .getByRole('option', { name: new RegExp(`^${name.replace(/[()]/g, '\\$&')}`) })
    .click();
}
