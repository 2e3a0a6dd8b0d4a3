// Polish in Chromium: light and dark themes (system setting and the top-bar switch), the 800 px layout with
// its section menu, and a clean console (no error, no warning, no uncaught exception) on every section.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { reportCspViolations } from './csp';
import { expect, test } from './fixtures';
import { DEMO_PROJECT_ID } from '../src/server/emulator/seed';
import { SECTION_IDS, SECTION_LABELS } from '../src/shared/schemas/fields';
import { COLOR_MODE_STORAGE_KEY } from '../src/web/app/theme';

const PAGES = [...SECTION_IDS.map((id) => ({ id, label: SECTION_LABELS[id] })), { id: 'history', label: 'History' }];
const WIDE = { width: 1280, height: 900 };
const NARROW = { width: 800, height: 900 };
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Every console error or warning, every uncaught exception and every Content-Security-Policy violation the
 * browser reports (an emotion <style> without the page's nonce, say) from now on.
 */
async function watchConsole(page: Page): Promise<string[]> {
  const problems: string[] = [];
  await reportCspViolations(page);
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`${message.type()}: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  return problems;
}

async function axeViolations(builder: AxeBuilder): Promise<string[]> {
  const results = await builder.analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const scheme = (page: Page) => page.evaluate(() => document.documentElement.getAttribute('data-color-scheme'));
const bodyBackground = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const menuButton = (page: Page) => page.getByRole('button', { name: 'Sections', exact: true });
const menu = (page: Page) => page.getByRole('dialog', { name: 'Section menu' });

/** Opens a section the way a user would at this width: the side list, or the menu below 900 px. */
async function goTo(page: Page, label: string, narrow: boolean) {
  const link = { name: new RegExp(`^${escape(label)}`) };
  if (narrow) {
    await menuButton(page).click();
    await menu(page).getByRole('link', link).click();
    await expect(menu(page)).toBeHidden();
  } else {
    await page.getByRole('navigation', { name: 'Project sections' }).getByRole('link', link).click();
  }
  await expect(page.getByRole('heading', { level: 1, name: label })).toBeVisible();
  // Settled: the section's code and data are in (no progress bar left).
  await expect(page.getByRole('progressbar')).toHaveCount(0);
}

async function interact(page: Page, id: string) {
  if (id === 'general') {
    const endCall = page.getByRole('switch', { name: 'End call' });
    const before = await endCall.isChecked();
    await endCall.click();
    await expect(endCall).toBeChecked({ checked: !before });
  }
  if (id === 'rubric') {
    await page.getByRole('tab', { name: 'JSON' }).click();
    await expect(page.getByLabel('rubric_config (JSON)')).toBeVisible();
    await page.getByRole('tab', { name: 'Builder' }).click();
    await expect(page.getByRole('group', { name: 'Rule 1', exact: true })).toBeVisible();
  }
}

for (const colorScheme of ['light', 'dark'] as const) {
  for (const viewport of [WIDE, NARROW]) {
    const narrow = viewport === NARROW;
    test.describe(`${colorScheme} theme at ${viewport.width} px`, () => {
      test.use({ colorScheme, viewport });

      test('every section loads and is used without a console error or warning', async ({ page }) => {
        test.slow(); // seven pages, each with its code and data
        const problems = await watchConsole(page);
        await page.goto(`/projects/${DEMO_PROJECT_ID}/general`);
        await expect(page.getByRole('heading', { level: 1, name: 'General' })).toBeVisible();
        expect(await scheme(page)).toBe(colorScheme);
        expect(await bodyBackground(page)).toBe(colorScheme === 'dark' ? 'rgb(18, 18, 18)' : 'rgb(255, 255, 255)');
        // The side list and the menu button take turns at 900 px.
        await expect(menuButton(page)).toBeVisible({ visible: narrow });
        await expect(
          page.getByRole('navigation', { name: 'Project sections' }).getByRole('link', { name: 'Limits' }),
        ).toBeVisible({ visible: !narrow });
        for (const { id, label } of PAGES) {
          await goTo(page, label, narrow);
          await interact(page, id);
        }
        // The edit made on General is still there (edits survive moving around), and the navigation counts it.
        await expect(page.getByRole('region', { name: 'Save changes' }).getByRole('status')).toHaveText(
          '1 unsaved change',
        );
        if (narrow)
          await expect(page.getByRole('navigation', { name: 'Project sections' })).toContainText(
            'History · 1 unsaved change',
          );
        else await expect(page.getByRole('link', { name: 'General 1 unsaved change' })).toBeVisible();
        expect(problems).toEqual([]);
      });
    });
  }
}

test.describe('at 800 px', () => {
  test.use({ viewport: NARROW });

  test('the sections are in a drawer behind a labelled menu button, which axe finds accessible in both themes', async ({
    page,
  }) => {
    await page.goto(`/projects/${DEMO_PROJECT_ID}/limits`);
    await expect(page.getByRole('heading', { level: 1, name: 'Limits' })).toBeVisible();
    for (const mode of ['Light', 'Dark'] as const) {
      await page.getByRole('group', { name: 'Theme' }).getByRole('button', { name: mode }).click();
      expect(await scheme(page)).toBe(mode.toLowerCase());
      await expect(menuButton(page)).toHaveAttribute('aria-expanded', 'false');
      expect(
        await axeViolations(new AxeBuilder({ page }).include('header').include('nav[aria-label="Project sections"]')),
      ).toEqual([]);

      await menuButton(page).click();
      await expect(menu(page)).toBeVisible();
      const links = menu(page).getByRole('navigation', { name: 'Project sections' }).getByRole('link');
      await expect(links).toContainText(PAGES.map((p) => p.label)); // in this order (other pages may follow)
      await expect(menu(page).getByRole('link', { name: 'Limits' })).toHaveAttribute('aria-current', 'page');
      expect(await axeViolations(new AxeBuilder({ page }).include('#section-menu'))).toEqual([]);

      // Escape closes it and gives the focus back to the button.
      await page.keyboard.press('Escape');
      await expect(menu(page)).toBeHidden();
      await expect(menuButton(page)).toBeFocused();
    }
  });
});

test("at 800 px, when the menu's code cannot be downloaded, the sections open in place and the edits stay", async ({
  page,
}) => {
  await page.setViewportSize(NARROW);
  await page.route('**/assets/NavDrawer-*.js', (route) => route.abort());
  await page.goto(`/projects/${DEMO_PROJECT_ID}/general`);
  await page.getByLabel('Name', { exact: true }).fill('Renamed while offline');
  await menuButton(page).click();
  const nav = page.getByRole('navigation', { name: 'Project sections' });
  await nav.getByRole('link', { name: 'Limits' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Limits' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Limits' })).toBeHidden(); // closed after the choice
  await expect(page.getByRole('region', { name: 'Save changes' }).getByRole('status')).toHaveText('1 unsaved change');
});

test('the theme follows the system setting until the switch chooses one, and the choice is remembered', async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(`/projects/${DEMO_PROJECT_ID}/general`);
  const themes = page.getByRole('group', { name: 'Theme' });
  await expect(themes.getByRole('button', { name: 'System' })).toHaveAttribute('aria-pressed', 'true');
  expect(await scheme(page)).toBe('dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => scheme(page)).toBe('light');

  await themes.getByRole('button', { name: 'Dark' }).click();
  await expect(themes.getByRole('button', { name: 'Dark' })).toHaveAttribute('aria-pressed', 'true');
  await expect(themes.getByRole('button', { name: 'System' })).toHaveAttribute('aria-pressed', 'false');
  expect(await scheme(page)).toBe('dark');
  expect(await page.evaluate((key) => localStorage.getItem(key), COLOR_MODE_STORAGE_KEY)).toBe('dark');

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'General' })).toBeVisible();
  expect(await scheme(page)).toBe('dark'); // remembered although the system says light
  await expect(themes.getByRole('button', { name: 'Dark' })).toHaveAttribute('aria-pressed', 'true');

  await themes.getByRole('button', { name: 'System' }).click();
  expect(await scheme(page)).toBe('light');
});

/** Waits until no CSS transition or animation runs (axe reads colours mid-fade otherwise). */
async function animationsSettled(page: Page) {
  await expect
    .poll(() => page.evaluate(() => document.getAnimations().filter((a) => a.playState === 'running').length))
    .toBe(0);
}

// One test per section, so a slow machine spends its time budget on one axe run, not on seven.
for (const { id, label } of PAGES) {
  test(`dark theme: axe finds no violation on ${id}`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.setViewportSize(WIDE);
    await page.goto(`/projects/${DEMO_PROJECT_ID}/general`);
    await goTo(page, label, false);
    await animationsSettled(page);
    expect(await axeViolations(new AxeBuilder({ page }))).toEqual([]);
  });
}
