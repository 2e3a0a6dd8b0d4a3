// No-calls schedule through the real admin server and emulator: the documentation's example entered by
// hand is stored exactly, invalid windows and numbers are refused before anything is sent, unknown keys
// survive, the next-windows preview crosses a DST change, and the agent picker searches 1,500 agents.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test, type EmuRequest } from './fixtures';
import { confirmReview, openReview } from './helpers';
import {
  buildScaleSeed,
  DEMO_AGENT_IDS,
  DEMO_PROJECT_ID,
  exampleNoCallsForDemo,
  SCALE_PROJECT_ID,
} from '../src/server/emulator/seed';

const patches = (requests: EmuRequest[]) => requests.filter((r) => r.method === 'PATCH');
const windowGroup = (page: Page, n: number) => page.getByRole('group', { name: `Window ${n}` });
const numberList = (page: Page) => page.getByRole('list', { name: 'Exception numbers' });

async function openNoCalls(page: Page, projectId: number) {
  await page.goto(`/projects/${projectId}/no-calls`);
  await expect(page.getByRole('heading', { level: 1, name: 'No-calls schedule' })).toBeVisible();
}

async function save(page: Page) {
  await openReview(page);
  await confirmReview(page);
  await expect(page.getByRole('status').filter({ hasText: 'No unsaved changes' })).toBeVisible();
}

async function fillWindow(page: Page, n: number, start: string, end: string, minutes: string) {
  const group = windowGroup(page, n);
  await group.getByLabel(`Window ${n} start`).fill(start);
  await group.getByLabel(`Window ${n} end`).fill(end);
  await group.getByLabel(`Window ${n} minutes without calls`).fill(minutes);
}

async function pickAgent(page: Page, search: string, name: string) {
  const picker = page.getByRole('combobox', { name: 'Agents not monitored' });
  await picker.fill(search);
  await page.getByRole('option', { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).click();
  await picker.fill('');
}

async function paste(page: Page, label: string, text: string) {
  await page.getByLabel(label).evaluate((input, data) => {
    const transfer = new DataTransfer();
    transfer.setData('text/plain', data);
    input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, text);
}

test("the documentation's example entered through the UI is stored exactly", async ({ page, stack }) => {
  await stack.setRaw(DEMO_PROJECT_ID, { no_calls_notify_time_period: null, notify_no_calls: false });
  await openNoCalls(page, DEMO_PROJECT_ID);
  await expect(page.getByText('The alert is off, so this schedule has no effect.')).toBeVisible();
  await expect(page.getByText('No schedule is stored yet.', { exact: false })).toBeVisible();

  await page.getByRole('switch', { name: 'Alert when no calls arrive' }).click();
  const zone = page.getByRole('combobox', { name: 'Schedule time zone' });
  await zone.fill('America/New_Y');
  await page.getByRole('option', { name: 'America/New_York', exact: true }).click();
  await page.getByRole('button', { name: 'Add window' }).click();
  await fillWindow(page, 1, '09:00', '17:00', '30');
  await page.getByRole('button', { name: 'Add window' }).click();
  await fillWindow(page, 2, '18:00', '23:59', '60');
  const numbers = page.getByLabel('Add numbers');
  await numbers.fill('+15551234567');
  await numbers.press('Enter');
  await numbers.fill('+14155552671');
  await numbers.press('Enter');
  await pickAgent(page, 'Billing', 'Acme Billing Assistant');
  await pickAgent(page, 'After-Hours', 'Acme After-Hours Triage');
  await pickAgent(page, 'Español', 'Acme Línea en Español');
  await expect(
    page.getByText(
      'Alert when no call arrives for 30 minutes between 09:00 and 17:00, or for 60 minutes between 18:00 and 23:59, America/New_York time.',
      { exact: false },
    ),
  ).toBeVisible();

  await stack.clearRequests();
  await save(page);
  const sent = patches(await stack.requests());
  expect(sent).toHaveLength(1);
  expect(Object.keys(sent[0].body as object).sort()).toEqual(['no_calls_notify_time_period', 'notify_no_calls']);
  const stored = await stack.getProject(DEMO_PROJECT_ID);
  expect(stored.no_calls_notify_time_period).toEqual(exampleNoCallsForDemo());
  expect(stored.notify_no_calls).toBe(true);
});

test('overlapping windows and an end before the start are refused with messages, and nothing is sent', async ({
  page,
  stack,
}) => {
  await openNoCalls(page, DEMO_PROJECT_ID);
  const second = windowGroup(page, 2);
  await second.getByLabel('Window 2 start').fill('16:00');
  await expect(second.getByText('Overlaps window 1 (09:00–17:00). Windows must not overlap.')).toBeVisible();
  await page.getByRole('button', { name: 'Add window' }).click();
  const third = windowGroup(page, 3);
  await third.getByLabel('Window 3 start').fill('22:00');
  await third.getByLabel('Window 3 end').fill('06:00');
  await expect(
    third.getByText(/The end must be after the start \(22:00\)\. An overnight span is two windows/),
  ).toBeVisible();
  await expect(page.getByRole('img', { name: /overlaps another window/ })).toBeVisible();

  await stack.clearRequests();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Not saved: some values need fixing.')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'unsaved change' })).toBeVisible();
  expect(patches(await stack.requests())).toEqual([]);
});

test('pasted numbers are split and normalised; a malformed one stays visible and blocks the save', async ({
  page,
  stack,
}) => {
  await stack.setRaw(DEMO_PROJECT_ID, {
    no_calls_notify_time_period: { ...exampleNoCallsForDemo(), exception_numbers: [] },
  });
  await openNoCalls(page, DEMO_PROJECT_ID);
  await paste(page, 'Add numbers', '+1 (555) 123-4567, 4155552671');
  await expect(numberList(page).getByRole('listitem')).toHaveText(['+15551234567', '+14155552671']);
  await expect(page.getByText(/\+15551234567: Warning: Possible, but not in any numbering plan/)).toBeVisible();
  // A duplicate merges; a malformed entry is kept as typed, with its reason.
  await paste(page, 'Add numbers', '4155552671; 12ab');
  await expect(numberList(page).getByRole('listitem')).toHaveText(['+15551234567', '+14155552671', '12ab']);
  await expect(page.getByText('1 already listed, merged.')).toBeVisible();
  await expect(page.getByText(/12ab: Not a phone number/)).toBeVisible();

  await stack.clearRequests();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Not saved: some values need fixing.')).toBeVisible();
  expect(patches(await stack.requests())).toEqual([]);

  await numberList(page).getByRole('button', { name: '12ab' }).click(); // back into the input to fix
  await expect(page.getByLabel('Add numbers')).toHaveValue('12ab');
  await page.getByLabel('Add numbers').fill('');
  await save(page);
  expect((await stack.getProject(DEMO_PROJECT_ID)).no_calls_notify_time_period.exception_numbers).toEqual([
    '+15551234567',
    '+14155552671',
  ]);
});

test('a stored schedule keeps its unknown keys through an unrelated save and an edit', async ({ page, stack }) => {
  const withExtra = { ...exampleNoCallsForDemo(), escalation: { channel: 'pager', after_minutes: 15 } };
  await stack.setRaw(DEMO_PROJECT_ID, { no_calls_notify_time_period: withExtra, notify_no_calls: true });
  await openNoCalls(page, DEMO_PROJECT_ID);

  await stack.clearRequests();
  await page.getByRole('switch', { name: 'Alert when no calls arrive' }).click();
  await save(page);
  expect(patches(await stack.requests()).map((r) => r.body)).toEqual([{ notify_no_calls: false }]);
  expect((await stack.getProject(DEMO_PROJECT_ID)).no_calls_notify_time_period).toEqual(withExtra);

  await windowGroup(page, 1).getByLabel('Window 1 minutes without calls').fill('45');
  await save(page);
  const expected = structuredClone(withExtra) as typeof withExtra & { time_periods: { time_frame: number }[] };
  expected.time_periods[0].time_frame = 45;
  expect((await stack.getProject(DEMO_PROJECT_ID)).no_calls_notify_time_period).toEqual(expected);
});

test.describe('in a viewer time zone that changes on another date', () => {
  test.use({ timezoneId: 'Europe/Berlin' });

  test('the next windows cross the US spring-forward change', async ({ page }) => {
    // Saturday 7 March 2026, 12:00 in New York: Sunday is the first day of EDT; Berlin is still on CET.
    await page.clock.setFixedTime(new Date('2026-03-07T17:00:00Z'));
    await openNoCalls(page, DEMO_PROJECT_ID);
    const table = page.getByRole('table', { name: 'Next monitored windows' });
    await expect(table.getByRole('row')).toHaveText([
      /Schedule time \(America\/New_York\)Your time \(Europe\/Berlin\)/,
      /Sat 7 Mar, 09:00–17:00 EST.*now.*Sat 7 Mar, 15:00–23:00 GMT\+1/,
      /Sat 7 Mar, 18:00–23:59 EST.*Sun 8 Mar, 00:00–05:59 GMT\+1/,
      /Sun 8 Mar, 09:00–17:00 EDT.*Sun 8 Mar, 14:00–22:00 GMT\+1/,
    ]);
  });
});

test('the agent picker finds an agent among 1,500 by name, server-side', async ({ page, stack }) => {
  await stack.reset({ scale: true });
  const agents = buildScaleSeed(Date.now()).agents;
  const target = agents[1234];
  await openNoCalls(page, SCALE_PROJECT_ID);
  await stack.clearRequests();
  await page.getByRole('combobox', { name: 'Agents not monitored' }).click();
  await expect(page.getByText('Type to search 1,500 agents by name.')).toBeVisible();
  await pickAgent(page, target.name, target.name);
  await expect(page.getByRole('button', { name: target.name })).toBeVisible();
  const searches = (await stack.requests()).filter(
    (r) => r.path === '/test_framework/v1/aiagents/short_list/' && r.query.q,
  );
  expect(searches.map((r) => r.query.q)).toContain(target.name);
  await save(page);
  expect((await stack.getProject(SCALE_PROJECT_ID)).no_calls_notify_time_period.agents).toContain(target.id);
});

test('an excluded agent the project does not have is flagged and removed in one click', async ({ page, stack }) => {
  await stack.setRaw(DEMO_PROJECT_ID, {
    no_calls_notify_time_period: { ...exampleNoCallsForDemo(), agents: [DEMO_AGENT_IDS.billing, 999999] },
  });
  await openNoCalls(page, DEMO_PROJECT_ID);
  await expect(page.getByRole('button', { name: 'Acme Billing Assistant' })).toBeVisible();
  await expect(page.getByRole('button', { name: '#999999 (not found)', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Remove #999999 (not found)' }).click();
  await save(page);
  expect((await stack.getProject(DEMO_PROJECT_ID)).no_calls_notify_time_period.agents).toEqual([
    DEMO_AGENT_IDS.billing,
  ]);
});

test('axe: no violations in the no-calls section', async ({ page }) => {
  await openNoCalls(page, DEMO_PROJECT_ID);
  await expect(page.getByRole('button', { name: 'Acme Billing Assistant' })).toBeVisible(); // agent names loaded
  await windowGroup(page, 2).getByLabel('Window 2 start').fill('16:00'); // messages shown too
  await expect(page.getByText(/Overlaps window 1/)).toBeVisible();
  const results = await new AxeBuilder({ page }).include('main').analyze();
  expect(results.violations).toEqual([]);
});
