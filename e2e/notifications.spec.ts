// Notifications section through the real admin server and emulator: PATCH bodies hold exactly the edited
// fields, dashboards are picked by name, the webhook test reaches a real loopback receiver.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test, type EmuRequest } from './fixtures';
import { confirmReview, openReview } from './helpers';
import { dashboards as seedDashboards, DEMO_PROJECT_ID, SECOND_PROJECT_ID } from '../src/server/emulator/seed-demo';
import { SCALE_COUNTS, SCALE_PROJECT_ID } from '../src/server/emulator/seed-scale';

const patches = (requests: EmuRequest[]) => requests.filter((r) => r.method === 'PATCH');
const dashboardName = (id: number) => seedDashboards.find((d) => d.id === id)!.name;
const demoDashboards = seedDashboards.filter((d) => d.projectId === DEMO_PROJECT_ID);

async function openNotifications(page: Page, projectId: number) {
  await page.goto(`/projects/${projectId}/notifications`);
  await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
}

async function save(page: Page) {
  await openReview(page);
  await confirmReview(page);
  await expect(page.getByRole('status').filter({ hasText: 'No unsaved changes' })).toBeVisible();
}

const card = (page: Page, name: string) => page.getByRole('region', { name });
// A picked dashboard is a chip (role button, named by its label); its delete icon removes it.
const removeDashboard = (page: Page, label: string) =>
  card(page, 'Daily report').getByRole('button', { name: label }).locator('svg').click();

test('toggling several switches sends exactly those fields, and a reload shows them', async ({ page, stack }) => {
  await openNotifications(page, DEMO_PROJECT_ID);
  const before = await stack.getProject(DEMO_PROJECT_ID);
  const edits = {
    is_send_emails_enabled: ['Send emails', !before.is_send_emails_enabled],
    notify_cron_success: ['Scheduled run succeeded', !before.notify_cron_success],
    notify_result_webhook_success: ['Result: success', !before.notify_result_webhook_success],
    notify_call_log_webhook_failed: ['Call log: failed', !before.notify_call_log_webhook_failed],
    forward_retell_webhook: ['Forward Retell webhooks', !before.forward_retell_webhook],
  } as const;
  for (const [label] of Object.values(edits)) await page.getByRole('switch', { name: label }).click();
  await expect(page.getByRole('status').filter({ hasText: '5 unsaved changes' })).toBeVisible();

  await stack.clearRequests();
  await save(page);
  const sent = patches(await stack.requests());
  expect(sent).toHaveLength(1);
  expect(sent[0].body).toEqual(Object.fromEntries(Object.entries(edits).map(([field, [, value]]) => [field, value])));

  await page.reload();
  for (const [label, value] of Object.values(edits)) {
    await expect(page.getByRole('switch', { name: label })).toBeChecked({ checked: value });
  }
});

test('switches with no effect stay editable and say why', async ({ page }) => {
  await openNotifications(page, DEMO_PROJECT_ID); // seeded: emails on, daily report on, no webhook URL
  const emails = card(page, 'Email');
  const master = emails.getByRole('switch', { name: 'Send emails' });
  const completion = emails.getByRole('switch', { name: 'Result completion' });
  await expect(master).toBeChecked();
  await expect(completion).not.toHaveAccessibleDescription(/No effect/);
  await master.click();
  await expect(completion).toHaveAccessibleDescription(/No effect while "Send emails" is off\./);
  await expect(completion).toBeEnabled();
  await expect(completion).toBeChecked(); // seeded on
  await completion.click();
  await expect(completion).not.toBeChecked();

  const preRun = page.getByRole('switch', { name: 'Pre-run webhook' });
  await expect(preRun).toHaveAccessibleDescription(/No effect while there is no webhook URL\./);
  const gridSwitch = page.getByRole('switch', { name: 'Scheduled run: error' });
  await expect(gridSwitch).toHaveAccessibleDescription(/No effect while there is no webhook URL\./);
  await gridSwitch.click();
  await expect(gridSwitch).toBeChecked();

  const aiSummary = page.getByRole('switch', { name: 'AI summary' });
  await expect(aiSummary).not.toHaveAccessibleDescription(/No effect/);
  await page.getByRole('switch', { name: 'Daily report', exact: true }).click();
  await expect(aiSummary).toHaveAccessibleDescription(/No effect while the daily report is off\./);
  await expect(page.getByRole('combobox', { name: 'Dashboards in the daily report' })).toHaveAccessibleDescription(
    /No effect while the daily report is off\./,
  );
});

test('the event grid is a real table with row and column headers; call logs have no error event', async ({ page }) => {
  await openNotifications(page, SECOND_PROJECT_ID);
  const table = page.getByRole('table', { name: 'Webhook events' });
  await expect(table.getByRole('columnheader')).toHaveText(['Event', 'Success', 'Failed', 'Error']);
  await expect(table.getByRole('rowheader')).toHaveText(['Result', 'Scheduled run', 'Call log']);
  const callLog = table.getByRole('row', { name: /Call log/ });
  await expect(callLog.getByRole('switch')).toHaveCount(2);
  await expect(callLog.getByRole('cell').last()).toHaveText('n/a');
  await expect(table.getByRole('switch', { name: 'Result: failed' })).toBeChecked(); // seeded on
});

test('email recipients: members with email notifications, name and email', async ({ page, stack }) => {
  const project = await stack.getProject(DEMO_PROJECT_ID);
  const expected = project.members.filter((m: { is_email_notify_enabled: boolean }) => m.is_email_notify_enabled);
  expect(expected.length).toBeGreaterThan(0);
  await openNotifications(page, DEMO_PROJECT_ID);
  const list = card(page, 'Email').getByRole('list', { name: 'Email recipients' });
  await expect(list.getByRole('listitem')).toHaveCount(expected.length);
  for (const member of expected) {
    await expect(list.getByRole('listitem').filter({ hasText: member.user.name })).toContainText(member.user.email);
  }
});

test('dashboards: pick two by name; stored ids are the picked ones; reordering is not a change', async ({
  page,
  stack,
}) => {
  await openNotifications(page, DEMO_PROJECT_ID);
  const picker = page.getByRole('combobox', { name: 'Dashboards in the daily report' });
  // Start from nothing: remove the seeded selection.
  for (const id of (await stack.getProject(DEMO_PROJECT_ID)).daily_report_dashboard_ids as number[]) {
    await removeDashboard(page, dashboardName(id));
  }
  const [first, second] = [demoDashboards[2], demoDashboards[1]];
  for (const dashboard of [first, second]) {
    await picker.click();
    await page.getByRole('option', { name: dashboard.name }).click();
  }
  await page.keyboard.press('Escape');
  await stack.clearRequests();
  await save(page);
  const sent = patches(await stack.requests());
  expect(sent).toHaveLength(1);
  expect(sent[0].body).toEqual({ daily_report_dashboard_ids: [first.id, second.id] });
  expect([...(await stack.getProject(DEMO_PROJECT_ID)).daily_report_dashboard_ids].sort()).toEqual(
    [first.id, second.id].sort(),
  );

  // Remove the first and pick it again: same set, other order -> nothing to save.
  await removeDashboard(page, first.name);
  await expect(page.getByRole('status').filter({ hasText: '1 unsaved change' })).toBeVisible();
  await picker.click();
  await page.getByRole('option', { name: first.name }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('status').filter({ hasText: 'No unsaved changes' })).toBeVisible();
});

test('dashboards: an id the project lacks shows as "#id (not found)" and is kept by unrelated saves', async ({
  page,
  stack,
}) => {
  const kept = demoDashboards[0].id;
  await stack.setRaw(DEMO_PROJECT_ID, { daily_report_dashboard_ids: [kept, 99999] });
  await openNotifications(page, DEMO_PROJECT_ID);
  const daily = card(page, 'Daily report');
  await expect(daily.getByRole('button', { name: '#99999 (not found)' })).toBeVisible();
  await expect(daily).toContainText('not in the project any more');
  await page.getByRole('switch', { name: 'AI summary' }).click();
  await stack.clearRequests();
  await save(page);
  expect(patches(await stack.requests()).map((r) => r.body)).toEqual([{ daily_report_ai_summary_enabled: true }]);
  expect((await stack.getProject(DEMO_PROJECT_ID)).daily_report_dashboard_ids).toEqual([kept, 99999]);
  // Removing it is a change like any other.
  await removeDashboard(page, '#99999 (not found)');
  await stack.clearRequests();
  await save(page);
  expect(patches(await stack.requests()).map((r) => r.body)).toEqual([{ daily_report_dashboard_ids: [kept] }]);
});

test('dashboards: every page of the list is offered', async ({ page, stack }) => {
  // 24 dashboards, at most 10 a page (fewer than the console asks for): pages 1-3, each once.
  await stack.reset({ scale: true, maxPageSize: 10 });
  await openNotifications(page, SCALE_PROJECT_ID);
  await page.getByRole('combobox', { name: 'Dashboards in the daily report' }).click();
  await expect(page.getByRole('option')).toHaveCount(SCALE_COUNTS.dashboards);
  const pages = (await stack.requests())
    .filter((r) => r.path === '/dashboards/dashboards/')
    .map((r) => String(r.query.page ?? '1'));
  expect(pages.sort()).toEqual(['1', '2', '3']);
});

test('an invalid webhook URL is reported at the field and nothing is sent', async ({ page, stack }) => {
  await openNotifications(page, DEMO_PROJECT_ID);
  const url = page.getByRole('textbox', { name: 'Webhook URL' });
  await url.fill('ftp://example.com/hook');
  await expect(url).toHaveAccessibleDescription(/Enter a full http:\/\/ or https:\/\/ URL\./);
  await expect(url).toHaveAttribute('aria-invalid', 'true');
  await stack.clearRequests();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Not saved: some values need fixing.')).toBeVisible();
  expect(patches(await stack.requests())).toEqual([]);
});

test('Remove clears the webhook URL with ""', async ({ page, stack }) => {
  await openNotifications(page, SECOND_PROJECT_ID);
  await page.getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByRole('textbox', { name: 'Webhook URL' })).toHaveValue('');
  await expect(page.getByRole('switch', { name: 'Result: failed' })).toHaveAccessibleDescription(/no webhook URL/);
  await stack.clearRequests();
  await save(page);
  expect(patches(await stack.requests()).map((r) => r.body)).toEqual([{ webhook_url: '' }]);
});

test('Send test event: blocked until the URL is saved, then delivered to a loopback receiver', async ({
  page,
  stack,
}) => {
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  const receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  try {
    const target = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/cekura`;
    await openNotifications(page, DEMO_PROJECT_ID);
    const send = page.getByRole('button', { name: 'Send test event' });
    await expect(send).toBeDisabled();
    await page.getByRole('textbox', { name: 'Webhook URL' }).fill(target);
    await expect(send).toBeDisabled();
    await expect(send).toHaveAccessibleDescription('Save first: the test uses the saved URL.');
    // The secret goes in the same save: write-only, yet Cekura sends it as X-CEKURA-SECRET.
    const secretGroup = page.getByRole('group', { name: 'Webhook secret' });
    await secretGroup.getByRole('button', { name: 'Set' }).click();
    await secretGroup.getByLabel('New Webhook secret').fill('whsec_e2e_0123456789');
    await stack.clearRequests();
    await save(page);
    expect(patches(await stack.requests()).map((r) => Object.keys(r.body as object).sort())).toEqual([
      ['webhook_secret', 'webhook_url'],
    ]);
    await expect(secretGroup).toContainText('Status: Configured');
    await expect(send).toBeEnabled();
    await send.click();
    await expect(
      page.getByRole('alert').filter({ hasText: 'Cekura accepted the test event and sent it' }),
    ).toContainText('HTTP status 202');
    expect(received).toHaveLength(1);
    expect(JSON.parse(received[0].body)).toMatchObject({ project: { id: DEMO_PROJECT_ID } });
    expect(received[0].headers['x-cekura-secret']).toBe('whsec_e2e_0123456789');

    // An upstream failure is shown inline with its message.
    await stack.fault({
      method: 'POST',
      path: `/user/v1/projects/${DEMO_PROJECT_ID}/test-webhook/`,
      kind: 'status',
      status: 500,
      body: { detail: 'Webhook delivery service is down.' },
    });
    await send.click();
    await expect(page.getByRole('alert').filter({ hasText: 'The test event failed' })).toContainText(
      'Cekura says: Webhook delivery service is down.',
    );
    expect(received).toHaveLength(1);
  } finally {
    await new Promise((resolve) => receiver.close(resolve));
  }
});

test('legacy API: a webhook secret returned in clear is masked and never sent back', async ({ page, stack }) => {
  await stack.reset({ legacy: true });
  const project = await stack.getProject(SECOND_PROJECT_ID);
  const secret = project.webhook_secret as string;
  expect(secret.length).toBeGreaterThan(12); // the emulator really returns it in this mode
  await openNotifications(page, SECOND_PROJECT_ID);
  const group = page.getByRole('group', { name: 'Webhook secret' });
  await expect(group).toContainText(`Configured (••••${secret.slice(-4)})`);
  expect(await page.content()).not.toContain(secret);
  expect(await page.content()).not.toContain(secret.slice(0, -4));

  await page.getByRole('switch', { name: 'Forward Vapi webhooks' }).click();
  await stack.clearRequests();
  await save(page);
  expect(patches(await stack.requests()).map((r) => r.body)).toEqual([
    { forward_vapi_webhook: !project.forward_vapi_webhook },
  ]);
  expect((await stack.getProject(SECOND_PROJECT_ID)).webhook_secret).toBe(secret);
});

test('frequent calls: labelled fields without a guessed unit; a bad number is reported and not sent', async ({
  page,
  stack,
}) => {
  await openNotifications(page, DEMO_PROJECT_ID);
  const region = card(page, 'Frequent calls from one number');
  await expect(region.getByRole('textbox', { name: 'Time period' })).not.toHaveAccessibleDescription(/unit/);
  await expect(region.getByRole('textbox', { name: 'Cooldown' })).not.toHaveAccessibleDescription(/unit/);
  const threshold = region.getByRole('textbox', { name: 'Threshold (calls)' });
  await threshold.fill('2.5');
  await expect(threshold).toHaveAccessibleDescription(/whole number/);
  await stack.clearRequests();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Not saved: some values need fixing.')).toBeVisible();
  expect(patches(await stack.requests())).toEqual([]);
  await threshold.fill('6');
  await save(page);
  expect(patches(await stack.requests()).map((r) => r.body)).toEqual([{ frequent_calls_threshold: 6 }]);
});

test('axe: no violations in the notifications section', async ({ page }) => {
  await openNotifications(page, SECOND_PROJECT_ID);
  await expect(page.getByRole('button', { name: 'Pipeline calls' })).toBeVisible(); // dashboards loaded
  const results = await new AxeBuilder({ page }).include('main').analyze();
  expect(results.violations).toEqual([]);
});
