// Settings search in Chromium through the real admin server and emulator: the top bar's search (button,
// "/" and Ctrl+K) finds a setting by label, API name or description and jumps to it: the section opens,
// the field is scrolled into view, focused and outlined.
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { DEMO_PROJECT_ID } from '../src/server/emulator/seed-demo';
import { fieldsOfSection, PROJECT_FIELDS, SECTION_IDS, SECTION_LABELS } from '../src/shared/schemas/project';

const P = DEMO_PROJECT_ID;
const searchDialog = (page: Page) => page.getByRole('dialog', { name: 'Search settings' });
const highlighted = (page: Page) => page.locator('[data-search-highlight]');

async function openProject(page: Page, section: string) {
  await page.goto(`/projects/${P}/${section}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

/** The option of one field: its API name is shown in a code element. */
const optionOf = (dialog: Locator, field: string) =>
  dialog.getByRole('option').filter({ has: dialog.page().locator('code', { hasText: new RegExp(`^${field}$`) }) });

test('"/" opens the search; "daily report" jumps to the Daily report switch, focused, visible and outlined', async ({
  page,
}) => {
  await openProject(page, 'general');
  await page.getByRole('heading', { level: 1 }).click(); // focus on the page, not in a field
  await page.keyboard.press('/');
  const dialog = searchDialog(page);
  await expect(dialog).toBeVisible();
  const input = dialog.getByRole('combobox', { name: 'Find a setting' });
  await expect(input).toBeFocused();
  await input.pressSequentially('daily report');

  const first = dialog.getByRole('option').first();
  await expect(first).toContainText('Daily report');
  await expect(first).toContainText('Notifications');
  await expect(first).toHaveAttribute('aria-selected', 'true');
  // The outline lasts about 2 s: on a busy machine it can be gone before a later check runs, so the page itself
  // reports the first outlined element as soon as it appears.
  const outlined = page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const observer = new MutationObserver(() => {
          const element = document.querySelector('[data-search-highlight]');
          if (!element) return;
          observer.disconnect();
          resolve(element.textContent ?? '');
        });
        observer.observe(document.body, { subtree: true, childList: true, attributes: true });
      }),
  );
  await page.keyboard.press('Enter');

  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`/projects/${P}/notifications$`)); // the focus parameter is dropped once used
  await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
  const daily = page.getByRole('switch', { name: 'Daily report', exact: true });
  await expect(daily).toBeFocused();
  await expect(daily).toBeInViewport();
  expect(await outlined).toContain('Daily report');
  await expect(highlighted(page)).toHaveCount(0); // the outline goes after about 2 s
});

test('Ctrl+K opens the search from inside a text field; "/" there is typed, not a shortcut', async ({ page }) => {
  await openProject(page, 'general');
  const name = page.getByLabel('Name', { exact: true });
  await name.click();
  await page.keyboard.press('End');
  await page.keyboard.press('/');
  await expect(name).toHaveValue(/\/$/);
  await expect(searchDialog(page)).toHaveCount(0);

  await page.keyboard.press('Control+k');
  const dialog = searchDialog(page);
  await expect(dialog).toBeVisible();
  await dialog.getByRole('combobox', { name: 'Find a setting' }).fill('X-CEKURA-SECRET'); // words of a description
  await expect(dialog.getByRole('option').first()).toContainText('Webhook secret');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`/projects/${P}/general$`));
});

// Every field, grouped by section (each group starts on another section, so the jump also navigates).
for (const section of SECTION_IDS) {
  test(`every ${SECTION_LABELS[section]} setting is reachable: its API name finds it, choosing it focuses a control of it`, async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await page.emulateMedia({ reducedMotion: 'reduce' }); // no smooth scrolling: many jumps in a row
    await openProject(page, section === 'general' ? 'limits' : 'general');
    const dialog = searchDialog(page);
    for (const field of fieldsOfSection(section)) {
      // The shortcut works wherever the focus is (the button's click is tested above): one actionability
      // wait less per jump; a loaded run once hung on the button's "stable" check.
      await page.keyboard.press('Control+K');
      await dialog.getByRole('combobox', { name: 'Find a setting' }).fill(field);
      await optionOf(dialog, field).click();
      // Landed: the section's page, one outlined box holding the focus, visible and in view (then unmarked for the next jump).
      const landed = await page.waitForFunction((path) => {
        const boxes = document.querySelectorAll('[data-search-highlight]');
        if (location.pathname !== path || boxes.length !== 1 || document.querySelector('[role="dialog"]')) return null;
        const box = boxes[0];
        const rect = box.getBoundingClientRect();
        box.removeAttribute('data-search-highlight');
        return {
          focusInside: box.contains(document.activeElement) && document.activeElement !== document.body,
          inView: rect.bottom > 0 && rect.top < window.innerHeight,
          visible: rect.width > 0 && rect.height > 0 && getComputedStyle(box).opacity !== '0',
        };
      }, `/projects/${P}/${PROJECT_FIELDS[field].section}`);
      expect({ field, ...(await landed.jsonValue()) }).toEqual({
        field,
        focusInside: true,
        inView: true,
        visible: true,
      });
    }
  });
}

test('axe: the open search dialog with results has no violations, in either theme', async ({ page }) => {
  await openProject(page, 'notifications');
  await page.getByRole('button', { name: 'Search settings' }).click();
  const dialog = searchDialog(page);
  await dialog.getByRole('combobox', { name: 'Find a setting' }).fill('webhook');
  await expect(dialog.getByRole('option').first()).toBeVisible();
  await page.keyboard.press('ArrowDown');
  expect((await new AxeBuilder({ page }).include('[role="dialog"]').analyze()).violations).toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' }); // the theme follows the system setting by default
  await expect.poll(() => page.evaluate(() => document.documentElement.getAttribute('data-color-scheme'))).toBe('dark');
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]); // the whole page: top bar button included
});
