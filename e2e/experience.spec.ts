// The console as a first-time admin meets it (issue 19), in Chromium through the real admin server and the
// emulator: save problems where the user is, undo instead of loss, errors only once they matter, titles and
// focus, the webhook URL rule, the dark chart, search words and time zones by city.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { DEMO_PROJECT_ID } from '../src/server/emulator/seed-demo';

const P = DEMO_PROJECT_ID;
const saveButton = (page: Page) => page.getByRole('button', { name: 'Save', exact: true });
const navLink = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Project sections' }).getByRole('link', { name: new RegExp(`^${name}`) });

async function open(page: Page, section: string) {
  await page.goto(`/projects/${P}/${section}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('progressbar')).toHaveCount(0);
}

test.describe('a save problem appears where the user is', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('invalid Limits, Save at the bottom of Notifications: the message is in view, announced, and leads to the field', async ({
    page,
  }) => {
    await open(page, 'limits');
    await page.getByLabel('Outbound timeout (s)').fill('999');
    await navLink(page, 'Notifications').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await saveButton(page).click();

    const problem = page.getByRole('alert').filter({ hasText: 'Not saved: some values need fixing.' });
    await expect(problem).toBeInViewport();
    // The section list (with its badge) stayed in view while the page scrolled.
    await expect(navLink(page, 'Limits')).toBeInViewport();
    await expect(navLink(page, 'Limits')).toContainText('1 unsaved change');

    await problem.getByRole('button', { name: 'Go to the first problem' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Limits' })).toBeVisible();
    const field = page.getByLabel('Outbound timeout (s)');
    await expect(field).toBeFocused();
    await expect(field).toBeInViewport();
  });

  test('a change made elsewhere is shown in the save bar, in view at the bottom of a long section', async ({
    page,
    stack,
  }) => {
    await open(page, 'notifications');
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.getByRole('switch', { name: 'Daily report' }).click();
    await stack.setRaw(P, { name: 'Renamed in another tab' });
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    const notice = page.getByRole('alert').filter({ hasText: 'This project was changed elsewhere.' });
    await expect(notice).toBeInViewport();
    await expect(notice.getByRole('button', { name: 'Merge now' })).toBeVisible();
  });
});

const status = (page: Page) =>
  page
    .getByRole('region', { name: 'Save changes' })
    .getByRole('status')
    .filter({ hasText: /unsaved/ });
const ruleGroup = (page: Page, n: number) => page.getByRole('group', { name: `Rule ${n}`, exact: true });

test('Discard acts at once and Undo brings back exactly the edits; focus goes to Undo', async ({ page }) => {
  await open(page, 'general');
  const name = page.getByLabel('Name', { exact: true });
  const before = await name.inputValue();
  await name.fill('A name I want back');
  await navLink(page, 'Limits').click();
  await page.getByLabel('Outbound timeout (s)').fill('120');
  await expect(status(page)).toHaveText('2 unsaved changes');

  await page.getByRole('button', { name: 'Discard' }).click();
  await expect(status(page)).toHaveText('No unsaved changes');
  await expect(page.getByLabel('Outbound timeout (s)')).not.toHaveValue('120');
  const undo = page.getByRole('button', { name: 'Undo' });
  await expect(page.getByRole('status').filter({ hasText: 'Discarded 2 changes.' })).toBeVisible();
  await expect(undo).toBeFocused();
  await undo.click();
  await expect(status(page)).toHaveText('2 unsaved changes');
  await expect(page.getByLabel('Outbound timeout (s)')).toHaveValue('120');
  await navLink(page, 'General').click();
  await expect(name).toHaveValue('A name I want back');
  expect(before).not.toBe('A name I want back');
});

test('deleting a rule acts at once and Undo puts the same rule back in its place', async ({ page }) => {
  await open(page, 'rubric');
  const second = ruleGroup(page, 2);
  await expect(second).toContainText('Customer satisfaction is at least 4');
  await expect(ruleGroup(page, 3)).toBeVisible();
  await second.getByRole('button', { name: 'Delete' }).click();
  await expect(ruleGroup(page, 3)).toHaveCount(0);
  await expect(status(page)).toHaveText('1 unsaved change');
  const undo = page.getByRole('button', { name: 'Undo' });
  await expect(page.getByRole('status').filter({ hasText: 'Rule 2 deleted.' })).toBeVisible();
  await expect(undo).toBeFocused();
  await undo.click();
  await expect(ruleGroup(page, 3)).toBeVisible();
  await expect(ruleGroup(page, 2)).toContainText('Customer satisfaction is at least 4');
  // The same draft as before: nothing left to save.
  await expect(status(page)).toHaveText('No unsaved changes');
  // The focus does not fall to the page body once the notice is gone.
  await expect(page.locator('main h1')).toBeFocused();
});

test('no error before the user did anything: Set on a key shows none, and an empty key does not block the save', async ({
  page,
  stack,
}) => {
  await open(page, 'integrations');
  const retell = page.getByRole('group', { name: 'Retell API key' });
  await retell.getByRole('button', { name: 'Set' }).click();
  const input = retell.getByLabel('New Retell API key');
  await expect(input).toBeFocused();
  await expect(input).not.toHaveAttribute('aria-invalid', 'true');
  await expect(retell).not.toContainText('Enter the new value');
  // A key never set is "set", not "replaced", once a value is typed.
  await expect(retell).toContainText('Status: Not set');
  await input.fill('key_retell_typed');
  await expect(retell).toContainText('Not set — will be set when you save');
  await input.fill('');
  await input.blur();
  await expect(retell).not.toContainText('Enter the new value');

  // Another edit saves although the key box is still open and empty; the key is not sent.
  await navLink(page, 'Limits').click();
  await page.getByLabel('Outbound timeout (s)').fill('120');
  await stack.clearRequests();
  await saveButton(page).click();
  await page.getByRole('dialog', { name: 'Review changes' }).getByRole('button', { name: 'Confirm' }).click();
  await expect(status(page)).toHaveText('No unsaved changes');
  const sent = (await stack.requests()).filter((r) => r.method === 'PATCH');
  expect(sent.map((r) => r.body)).toEqual([{ outbound_timeout: 120 }]);
});

test('tab titles name the section and project; a skip link; following a section link puts the focus on its heading', async ({
  page,
  stack,
}) => {
  const { name } = (await stack.getProject(P)) as { name: string };
  await open(page, 'limits');
  await expect(page).toHaveTitle(`Limits · ${name} · Cekura console`);

  // The first Tab stop is the skip link; it leads to the page's heading.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Limits' })).toBeFocused();

  await navLink(page, 'Rubric').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Rubric builder' })).toBeFocused();
  await expect(page).toHaveTitle(`Rubric builder · ${name} · Cekura console`);
  await navLink(page, 'History').click();
  await expect(page.getByRole('heading', { level: 1, name: 'History' })).toBeFocused();
  await expect(page).toHaveTitle(`History · ${name} · Cekura console`);
});

test('"Saved N changes" does not cover the Search button', async ({ page }) => {
  await open(page, 'limits');
  await page.getByLabel('Outbound timeout (s)').fill('121');
  await page.getByLabel('Maximum call duration (s)').fill('601');
  await saveButton(page).click();
  await page.getByRole('dialog', { name: 'Review changes' }).getByRole('button', { name: 'Confirm' }).click();
  const notice = page.getByRole('alert').filter({ hasText: /^Saved 2 changes/ });
  await expect(notice).toBeVisible();
  const a = (await notice.boundingBox())!;
  const b = (await page.getByRole('button', { name: 'Search settings' }).boundingBox())!;
  const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  expect(overlap).toBe(false);
  await expect(page.getByRole('button', { name: 'Search settings' })).toBeInViewport();
});

test('the webhook URL is checked in the browser by the rule the API applies: no spaces, at most 200 characters', async ({
  page,
  stack,
}) => {
  await open(page, 'notifications');
  const url = page.getByRole('textbox', { name: 'Webhook URL' });
  await url.fill('https://exa mple.com');
  await expect(url).toHaveAttribute('aria-invalid', 'true');
  await expect(url).toHaveAccessibleDescription('A URL cannot contain spaces.');
  const long = `https://hooks.example.com/${'a'.repeat(4994)}`;
  await url.fill(long);
  await expect(url).toHaveAccessibleDescription(`At most 200 characters (this one has ${long.length}).`);
  await stack.clearRequests();
  await saveButton(page).click();
  await expect(page.getByText('Not saved: some values need fixing.')).toBeVisible();
  expect((await stack.requests()).filter((r) => r.method === 'PATCH')).toEqual([]);
  await url.fill('https://hooks.example.com/cekura-events');
  await expect(url).not.toHaveAttribute('aria-invalid', 'true');
});

test.describe('dark theme', () => {
  test.use({ colorScheme: 'dark' });

  test('the no-calls 24-hour chart draws its labels, ticks and "now" line in the theme colours', async ({ page }) => {
    await open(page, 'no-calls');
    const chart = page.getByRole('img', { name: /on a 24-hour day/ });
    await expect(chart).toBeVisible();
    const contrast = await chart.evaluate((svg) => {
      // WCAG contrast of a colour (alpha blended over the page) against the page background.
      const parse = (colour: string) => (colour.match(/[\d.]+/g) ?? []).map(Number);
      const background = parse(getComputedStyle(document.body).backgroundColor);
      const blend = (colour: string) => {
        const [r, g, b, a = 1] = parse(colour);
        return [r, g, b].map((c, i) => c * a + background[i] * (1 - a));
      };
      const luminance = ([r, g, b]: number[]) => {
        const lin = (c: number) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
        return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
      };
      const ratio = (colour: string) => {
        const [l1, l2] = [luminance(blend(colour)), luminance(background)].sort((a, b) => b - a);
        return (l1 + 0.05) / (l2 + 0.05);
      };
      const label = svg.querySelector('text')!;
      const now = svg.querySelector('line[stroke-width="2"]');
      return {
        label: ratio(getComputedStyle(label).fill),
        now: now ? ratio(getComputedStyle(now).stroke) : null,
      };
    });
    expect(contrast.label).toBeGreaterThanOrEqual(4.5);
    if (contrast.now !== null) expect(contrast.now).toBeGreaterThanOrEqual(3);
  });
});

test('settings search finds headings, help texts and common words; "time zone" reaches the schedule\'s time zone', async ({
  page,
}) => {
  await open(page, 'general');
  const search = page.getByRole('button', { name: 'Search settings' });
  const dialog = page.getByRole('dialog', { name: 'Search settings' });
  const input = dialog.getByRole('combobox', { name: 'Find a setting' });
  await search.click();
  for (const [query, expected] of [
    ['exception', 'Exception numbers'],
    ['agent', 'Excluded agents'],
    ['recipients', 'Email recipients'],
    ['window', 'Monitoring windows'],
    ['phone', 'Exception numbers'],
    ['rules', 'Rules'],
  ]) {
    await input.fill(query);
    await expect(dialog.getByRole('option').filter({ hasText: expected }).first()).toBeVisible();
  }
  await input.fill('time zone');
  await dialog.getByRole('option').filter({ hasText: 'Schedule time zone' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'No-calls schedule' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Schedule time zone' })).toBeFocused();

  await search.click();
  await input.fill('exception');
  await dialog.getByRole('option').filter({ hasText: 'Exception numbers' }).first().click();
  await expect(page.getByRole('textbox', { name: 'Add numbers' })).toBeFocused();
});

test('time zones are found by city, old name, country, abbreviation and offset; the data arrives when the picker is used', async ({
  page,
  stack,
}) => {
  const chunks: string[] = [];
  page.on('request', (request) => {
    if (/time-zone-search[^/]*\.js$/.test(request.url())) chunks.push(request.url());
  });
  await open(page, 'general');
  expect(chunks).toEqual([]); // not part of the first load
  const zone = page.getByRole('combobox', { name: 'Time zone' });
  const firstOption = page.getByRole('listbox').getByRole('option').first();
  for (const [query, best] of [
    ['Kolkata', 'Asia/Kolkata'],
    ['Calcutta', 'Asia/Kolkata'],
    ['Kyiv', 'Europe/Kyiv'],
    ['New York', 'America/New_York'],
    ['PST', 'America/Los_Angeles'],
    ['India', 'Asia/Kolkata'],
  ]) {
    await zone.fill(query);
    await expect(firstOption).toHaveAccessibleName(best);
  }
  expect(chunks).toHaveLength(1);
  await zone.fill('GMT+1');
  await expect(firstOption).toHaveAccessibleDescription(/UTC\+01:00/);
  // Old and new names are one zone: Kolkata is listed once.
  await zone.fill('Kolkata');
  await expect(page.getByRole('option', { name: /^Asia\/(Kolkata|Calcutta)$/ })).toHaveCount(1);
  await firstOption.click();
  await expect(zone).toHaveValue('Asia/Kolkata');
  await stack.clearRequests();
  await saveButton(page).click();
  await page.getByRole('dialog', { name: 'Review changes' }).getByRole('button', { name: 'Confirm' }).click();
  await expect(status(page)).toHaveText('No unsaved changes');
  const sent = (await stack.requests()).filter((r) => r.method === 'PATCH');
  expect(sent.map((r) => r.body)).toEqual([{ timezone: 'Asia/Kolkata' }]);
});

async function saveConfirm(page: Page) {
  await saveButton(page).click();
  await page.getByRole('dialog', { name: 'Review changes' }).getByRole('button', { name: 'Confirm' }).click();
}

test('the conflict dialog shows the original, mine and theirs, and who changed theirs and when', async ({
  page,
  context,
  stack,
}) => {
  const { name: original } = (await stack.getProject(P)) as { name: string };
  await open(page, 'general');
  await page.getByLabel('Name', { exact: true }).fill('Mine from tab one');

  // Another tab of the console saves the same setting first.
  const other = await context.newPage();
  await open(other, 'general');
  await other.getByLabel('Name', { exact: true }).fill('Theirs from tab two');
  await saveConfirm(other);
  await expect(status(other)).toHaveText('No unsaved changes');
  await other.close();

  await saveConfirm(page);
  const dialog = page.getByRole('dialog', { name: 'Changed in two places' });
  const item = dialog.getByRole('group', { name: 'Name', exact: true });
  await expect(item).toContainText(`Original (when you opened it)${original}`);
  await expect(item).toContainText('Mine (this page)Mine from tab one');
  await expect(item).toContainText('Theirs (saved elsewhere)Theirs from tab two');
  await expect(item).toContainText('Changed through this console (no sign-in set up), just now.');
  await dialog.getByRole('button', { name: 'Back to editing' }).click();

  // A change no console save explains.
  await stack.setRaw(P, { name: 'Changed by the API directly' });
  await saveConfirm(page);
  await expect(dialog.getByRole('group', { name: 'Name', exact: true })).toContainText('Changed outside the console');
});

test('a change made elsewhere is noticed within 10 s while the page is visible', async ({ page, stack }) => {
  await page.clock.install();
  await open(page, 'limits');
  await page.getByLabel('Outbound timeout (s)').fill('122');
  await stack.setRaw(P, { name: 'Renamed meanwhile' });
  await page.clock.runFor(10_000);
  await expect(page.getByRole('alert').filter({ hasText: 'This project was changed elsewhere.' })).toBeVisible();
});

test('a save of secrets alone offers no revert, and says why', async ({ page }) => {
  await open(page, 'integrations');
  const retell = page.getByRole('group', { name: 'Retell API key' });
  await retell.getByRole('button', { name: 'Set' }).click();
  await retell.getByLabel('New Retell API key').fill('key_retell_only_secret');
  await saveConfirm(page);
  await expect(status(page)).toHaveText('No unsaved changes');
  await navLink(page, 'History').click();
  const entry = page.getByRole('article').first();
  await expect(entry).toContainText('Retell API key');
  await expect(entry.getByRole('button', { name: 'Revert this save' })).toHaveCount(0);
  await expect(entry).toContainText('Only secrets changed');
  await expect(entry).toContainText('through this console (no sign-in set up)');
});

test('words: help agrees with the check, rule edits counted one by one, leaving says "it", recipients say where they are managed', async ({
  page,
}) => {
  await open(page, 'limits');
  const rate = page.getByLabel('Sample rate (%)');
  await expect(rate).toHaveAccessibleDescription(/0\.001% is the finest step/);
  await rate.fill('0.05'); // accepted: the help no longer claims 0.1% is the finest step
  await expect(rate).not.toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: 'Discard' }).click();

  await navLink(page, 'Rubric').click();
  await ruleGroup(page, 3).getByRole('button', { name: 'Delete' }).click();
  await ruleGroup(page, 1).getByRole('button', { name: 'Delete' }).click();
  await expect(status(page)).toHaveText('2 unsaved changes');
  await expect(navLink(page, 'Rubric')).toContainText('2 unsaved changes');
  await page.getByRole('button', { name: 'Discard' }).click();

  await navLink(page, 'Notifications').click();
  await expect(page.getByRole('region', { name: 'Email', exact: true })).toContainText(
    "managed in Cekura's own app, where each member turns email notifications on or off",
  );
  await expect(page.getByRole('textbox', { name: 'Cooldown' })).not.toHaveAccessibleDescription(/unit/);

  await page.getByRole('switch', { name: 'Daily report' }).click();
  await page.getByRole('link', { name: 'All projects' }).click();
  await expect(page.getByRole('dialog')).toContainText('You have 1 unsaved change in this project. Leaving drops it.');
});
