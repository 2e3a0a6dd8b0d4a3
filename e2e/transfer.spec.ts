// Import & export in Chromium through the real admin server and emulator: an export downloads the saved
// settings without secrets; an import or a copy becomes unsaved changes that only Save (through the review,
// with If-Match) sends; a file with an unknown field is refused whole.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test, type EmuRequest } from './fixtures';
import { confirmReview, openReview } from './helpers';
import {
  DEMO_METRIC_IDS,
  DEMO_PROJECT_ID,
  SECOND_METRIC_IDS,
  SECOND_PROJECT_ID,
} from '../src/server/emulator/seed-demo';
import {
  PROJECT_FIELDS,
  readProject,
  SECRET_FIELDS,
  type Project,
  type ProjectField,
} from '../src/shared/schemas/project';
import { toFormValues } from '../src/shared/form';
import { buildPatch } from '../src/shared/patch';
import { applySettingsToDraft, exportSettings, parseSettingsImport, settingsOfSections } from '../src/shared/transfer';
import { rulesOf } from '../src/shared/schemas/rubric';
import { diffRules } from '../src/shared/merge/rule-multiset';
import { emptyCatalog, matchRefs, rowKey, translateSettings } from '../src/shared/id-mapping';

const patches = (requests: EmuRequest[]) => requests.filter((r) => r.method === 'PATCH');
const unsaved = (page: Page, text: string) =>
  page.getByRole('region', { name: 'Save changes' }).getByRole('status').filter({ hasText: text });
const projectOf = async (stack: { getProject(id: number): Promise<unknown> }, id: number): Promise<Project> =>
  readProject(await stack.getProject(id)).project;

async function openTransfer(page: Page, projectId: number) {
  await page.goto(`/projects/${projectId}/transfer`);
  await expect(page.getByRole('heading', { level: 1, name: 'Import & export' })).toBeVisible();
}

/** Exports through the page; returns the downloaded file's name and text. */
async function exportFile(page: Page): Promise<{ name: string; text: string }> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export settings' }).click();
  const file = await download;
  const chunks: Buffer[] = [];
  for await (const chunk of await file.createReadStream()) chunks.push(chunk as Buffer);
  return { name: file.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
}

/** Imports through the page's own button and the browser's file chooser. */
async function importFile(page: Page, name: string, text: string) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import a settings file…' }).click();
  await (await chooser).setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

/** The review's entries as their labels (each entry starts with "<strong>Label:</strong>"; labels may hold a colon). */
async function reviewedLabels(page: Page): Promise<string[]> {
  const review = await openReview(page);
  const labels = await review.getByRole('listitem').locator('strong').allTextContents();
  expect(labels).toHaveLength(await review.getByRole('listitem').count());
  return labels.map((label) => label.replace(/:$/, '')).sort();
}

/** The mapping step an import or a copy opens when ids, the webhook URL or the rubric need a choice. */
const mappingDialog = (page: Page) => page.getByRole('dialog', { name: 'Match settings to this project' });
const applyMapping = async (page: Page) => {
  await mappingDialog(page).getByRole('button', { name: 'Apply as unsaved changes' }).click();
  await expect(mappingDialog(page)).toBeHidden();
};

const labelsOf = (fields: string[]) => fields.map((field) => PROJECT_FIELDS[field as ProjectField].label).sort();

test('export downloads the saved settings: rubric and schedule included, no secrets, with project id, name and time', async ({
  page,
  stack,
}) => {
  await openTransfer(page, DEMO_PROJECT_ID);
  const before = Date.now();
  const { name, text } = await exportFile(page);
  expect(name).toMatch(
    new RegExp(`^cekura-${DEMO_PROJECT_ID}-acme-support-line-settings-\\d{4}-\\d{2}-\\d{2}\\.json$`),
  );
  const file = JSON.parse(text);
  expect(file.project).toEqual({ id: DEMO_PROJECT_ID, name: 'Acme Support Line' });
  expect(Date.parse(file.exported_at)).toBeGreaterThanOrEqual(before - 1000);
  expect(name).toContain(file.exported_at.slice(0, 10));

  const project = await projectOf(stack, DEMO_PROJECT_ID);
  expect(file.settings).toEqual(exportSettings(project).settings);
  expect(file.settings.rubric_config).toEqual(project.rubric_config);
  expect(rulesOf(file.settings.rubric_config).length).toBeGreaterThan(0);
  expect(file.settings.no_calls_notify_time_period).toEqual(project.no_calls_notify_time_period);
  for (const key of Object.keys(file.settings)) {
    expect(SECRET_FIELDS as string[]).not.toContain(key);
    expect(key).not.toMatch(/_configured$/);
  }
  expect(file.settings).not.toHaveProperty('name');
  expect(file.settings).not.toHaveProperty('is_deleted');
  expect(parseSettingsImport(text).errors).toEqual([]);
  await expect(page.getByRole('status').filter({ hasText: `Downloaded ${name}.` })).toBeVisible();
});

test('export from one project, import into the other: every foreign id dropped, the webhook URL taken with its secret cleared, the rubric replaced; the review lists exactly the differences, Confirm sends exactly them', async ({
  page,
  stack,
}) => {
  // Acme without its rubric: replacing Bolt's rubric by an empty one is asked and lists the rules Bolt would lose.
  await stack.setRaw(DEMO_PROJECT_ID, { rubric_config: {} });
  await openTransfer(page, DEMO_PROJECT_ID);
  const { name, text } = await exportFile(page);

  await openTransfer(page, SECOND_PROJECT_ID);
  await stack.clearRequests();
  await importFile(page, name, text);
  const read = parseSettingsImport(text);
  const rows = matchRefs(read.settings, read.refs, emptyCatalog()); // Acme's dashboards and agents: none in Bolt
  expect(rows.length).toBeGreaterThan(2);
  const dialog = mappingDialog(page);
  for (const row of rows) {
    await expect(dialog.getByRole('listitem', { name: new RegExp(`#${row.id}\\b`) })).toContainText('No match');
    await dialog.getByLabel(`Use in this project for ${row.kind} #${row.id}`).selectOption({ value: 'drop' });
  }
  await expect(dialog).toContainText("This project's webhook secret stays as it is (set)");
  await dialog.getByLabel('Take the new URL and clear the secret').check();
  await dialog.getByLabel("Replace this project's rubric").check();
  await expect(dialog.getByRole('alert', { name: 'Rules this project would lose' })).toContainText(
    'Replacing removes these 3 rules',
  );
  await applyMapping(page);

  const target = await projectOf(stack, SECOND_PROJECT_ID);
  const settings = translateSettings(read.settings, rows, Object.fromEntries(rows.map((row) => [rowKey(row), 'drop'])));
  const draft = { ...applySettingsToDraft(toFormValues(target), settings), webhook_secret: { mode: 'clear' as const } };
  const expected = buildPatch(target, draft);
  const fields = Object.keys(expected);
  expect(fields.length).toBeGreaterThan(5);
  expect(fields).toContain('rubric_config');
  expect(expected).toMatchObject({ webhook_url: '', webhook_secret: '', daily_report_dashboard_ids: [] });
  const notice = page.getByRole('status').filter({ hasText: `Imported ${name}` });
  await expect(notice).toContainText(`${fields.length} settings changed`);
  await expect(notice).toContainText('exported from "Acme Support Line"');
  // The save bar counts each rubric rule added, removed or changed as a change of its own.
  const ruleDiff = diffRules(target.rubric_config, expected.rubric_config);
  const ruleChanges =
    ruleDiff.added.length +
    ruleDiff.removed.length +
    ruleDiff.changed.reduce((sum, group) => sum + Math.max(group.before.length, group.after.length), 0);
  await expect(unsaved(page, `${fields.length - 1 + Math.max(1, ruleChanges)} unsaved changes`)).toBeVisible();
  expect(patches(await stack.requests())).toEqual([]); // a draft, not a save

  expect(await reviewedLabels(page)).toEqual(labelsOf(fields));
  await expect(page.getByRole('dialog', { name: 'Review changes' })).toContainText(
    `${fields.length} changes will be saved`,
  );
  await confirmReview(page);
  await expect(unsaved(page, 'No unsaved changes')).toBeVisible();
  const sent = patches(await stack.requests());
  expect(sent).toHaveLength(1);
  expect(sent[0].body).toEqual(JSON.parse(JSON.stringify(expected)));
  const after = await stack.getProject(SECOND_PROJECT_ID);
  for (const field of fields.filter((f) => f !== 'webhook_secret'))
    expect(after[field], field).toEqual(JSON.parse(JSON.stringify(settings[field as ProjectField])));
  expect((await stack.secrets(SECOND_PROJECT_ID)).webhook_secret).toBeNull();
});

test('an imported rubric is matched by name: the same-named metric is taken, one unmatched id is chosen in the picker, one dropped; after a reload the review still shows the mapping', async ({
  page,
  stack,
}) => {
  const [B, D] = [SECOND_METRIC_IDS, DEMO_METRIC_IDS];
  await openTransfer(page, SECOND_PROJECT_ID);
  const { name, text } = await exportFile(page);
  const file = JSON.parse(text);
  expect(file.version).toBe(2);
  expect(file.refs.metric).toContainEqual({ id: B.latency, name: 'Latency (ms)', type: 'numeric' });
  const rubricOnly = JSON.stringify({ ...file, settings: { rubric_config: file.settings.rubric_config } });
  const before = await projectOf(stack, DEMO_PROJECT_ID);

  await openTransfer(page, DEMO_PROJECT_ID);
  await stack.clearRequests();
  await importFile(page, name, rubricOnly);
  const dialog = mappingDialog(page);
  await expect(dialog.getByRole('listitem', { name: new RegExp(`#${B.latency}\\b`) })).toContainText(
    `Matched by name: "Latency (ms)" #${D.latency}`,
  );
  await expect(dialog.getByRole('listitem', { name: new RegExp(`#${B.gdprConsent}\\b`) })).toContainText(
    'No match in this project',
  );
  await dialog.getByRole('button', { name: 'Apply as unsaved changes' }).click(); // nothing chosen yet: blocked
  await expect(dialog.getByRole('alert')).toContainText('2 ids have no match yet');
  await dialog.getByLabel(`Use in this project for metric #${B.objectionHandling}`).selectOption({
    label: `Empathy (#${D.empathy})`,
  });
  await dialog.getByLabel(`Use in this project for metric #${B.gdprConsent}`).selectOption({ value: 'drop' });
  await dialog.getByLabel(/^Add the rules to this project/).check();
  await applyMapping(page);
  expect(patches(await stack.requests())).toEqual([]);

  // A reload restores the unsaved rubric and, with it, the note saying where its ids came from.
  page.on('dialog', (d) => void d.accept()); // the tab asks before dropping unsaved edits
  await page.reload();
  await expect(
    page.getByRole('alert').filter({ hasText: /^Restored \d+ unsaved changes? from before the reload/ }),
  ).toBeVisible();
  const review = await openReview(page);
  const note = review.getByRole('note', { name: 'Ids translated from another project' });
  await expect(note).toContainText(`Metric "Latency (ms)" #${B.latency} -> "Latency (ms)" #${D.latency}`);
  await expect(note).toContainText(`Metric "Objection handling" #${B.objectionHandling} -> "Empathy" #${D.empathy}`);
  await expect(note).toContainText(`Metric "GDPR consent captured" #${B.gdprConsent} -> dropped`);
  await confirmReview(page);
  await expect(unsaved(page, 'No unsaved changes')).toBeVisible();

  const boltRules = rulesOf(file.settings.rubric_config) as { metric_id: number }[];
  const translated = (from: number, to: number) => ({ ...boltRules.find((r) => r.metric_id === from), metric_id: to });
  const after = await projectOf(stack, DEMO_PROJECT_ID);
  expect(rulesOf(after.rubric_config)).toEqual([
    ...rulesOf(before.rubric_config), // added, never replaced
    translated(B.objectionHandling, D.empathy),
    translated(B.latency, D.latency),
  ]);
});

test('copying Notifications from another project: its dashboard is matched by the picker, the webhook URL kept; only the differing notification fields are saved', async ({
  page,
  stack,
}) => {
  await openTransfer(page, DEMO_PROJECT_ID);
  await page.getByLabel('Copy from project').selectOption({ label: `Bolt Sales Outbound (#${SECOND_PROJECT_ID})` });
  await page.getByRole('checkbox', { name: 'Notifications' }).check();
  await expect(page.getByRole('checkbox', { name: 'No-calls schedule' })).not.toBeChecked();
  await stack.clearRequests();
  await page.getByRole('button', { name: 'Copy into this project' }).click();
  const dialog = mappingDialog(page);
  await expect(dialog.getByRole('listitem', { name: /Dashboard "Pipeline calls" #7711/ })).toContainText(
    'No match in this project',
  );
  await expect(dialog).toContainText("This project's webhook secret stays as it is (not set)");
  expect((await new AxeBuilder({ page }).include('[role="dialog"]').analyze()).violations).toEqual([]);
  await dialog.getByLabel('Use in this project for dashboard #7711').selectOption({
    label: 'Support quality overview (#7702)',
  });
  await dialog.getByLabel("Keep this project's URL").check();
  await applyMapping(page);
  const notice = page.getByRole('status').filter({ hasText: 'Copied Notifications from "Bolt Sales Outbound"' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('Dashboard "Pipeline calls" #7711 -> "Support quality overview" #7702');
  const requests = await stack.requests(); // before the test's own reads below
  expect(
    requests.filter((r) => r.method === 'GET' && r.path === `/user/v1/projects/${SECOND_PROJECT_ID}/`),
  ).toHaveLength(1); // read fresh
  expect(patches(requests)).toEqual([]);

  const [target, source] = [await projectOf(stack, DEMO_PROJECT_ID), await projectOf(stack, SECOND_PROJECT_ID)];
  const copied = { ...settingsOfSections(source, ['notifications']), daily_report_dashboard_ids: [7702] };
  delete copied.webhook_url;
  const expected = buildPatch(target, applySettingsToDraft(toFormValues(target), copied));
  const fields = Object.keys(expected);
  expect(fields.length).toBeGreaterThan(3);
  expect(fields).not.toContain('webhook_url');
  for (const field of fields) expect(PROJECT_FIELDS[field as ProjectField].section, field).toBe('notifications');
  await expect(notice).toContainText(`${fields.length} settings changed`);
  await stack.clearRequests();

  expect(await reviewedLabels(page)).toEqual(labelsOf(fields));
  await expect(page.getByRole('note', { name: 'Ids translated from another project' })).toContainText(
    "Webhook URL: this project's URL kept; its secret stays as it is.",
  );
  await confirmReview(page);
  await expect(unsaved(page, 'No unsaved changes')).toBeVisible();
  const sent = patches(await stack.requests());
  expect(sent).toHaveLength(1);
  expect(sent[0].body).toEqual(JSON.parse(JSON.stringify(expected)));
  expect(Object.keys(sent[0].body as object).sort()).toEqual(fields.sort());
});

test("the webhook choice: taking the other project's URL with a new secret stores that URL and only the typed secret", async ({
  page,
  stack,
}) => {
  await openTransfer(page, DEMO_PROJECT_ID);
  await page.getByLabel('Copy from project').selectOption({ label: `Bolt Sales Outbound (#${SECOND_PROJECT_ID})` });
  await page.getByRole('checkbox', { name: 'Notifications' }).check();
  await page.getByRole('button', { name: 'Copy into this project' }).click();
  const dialog = mappingDialog(page);
  await dialog.getByLabel('Use in this project for dashboard #7711').selectOption({ value: 'drop' });
  await dialog.getByLabel('Take the new URL and set a new secret').check();
  await dialog.getByRole('button', { name: 'Apply as unsaved changes' }).click();
  await expect(dialog.getByLabel('New webhook secret')).toHaveAccessibleDescription('Enter the new secret.');
  await dialog.getByLabel('New webhook secret').fill('whsec_acme_chosen_7731');
  await applyMapping(page);
  const boltSecret = (await stack.secrets(SECOND_PROJECT_ID)).webhook_secret;

  const review = await openReview(page);
  await expect(review.getByRole('note', { name: 'Ids translated from another project' })).toContainText(
    'Webhook URL: the new URL taken, with a new secret.',
  );
  await confirmReview(page);
  await expect(unsaved(page, 'No unsaved changes')).toBeVisible();
  const after = await stack.getProject(DEMO_PROJECT_ID);
  expect(after.webhook_url).toBe('https://hooks.boltsales.io/cekura/events');
  expect(after.daily_report_dashboard_ids).toEqual([]);
  expect((await stack.secrets(DEMO_PROJECT_ID)).webhook_secret).toBe('whsec_acme_chosen_7731');
  expect((await stack.secrets(SECOND_PROJECT_ID)).webhook_secret).toBe(boltSecret); // the source untouched
});

test('a file with an unknown field is refused whole with a message, and nothing changes', async ({ page, stack }) => {
  await openTransfer(page, DEMO_PROJECT_ID);
  const { text } = await exportFile(page);
  const file = JSON.parse(text);
  file.settings.sample_rate = 0.25; // a valid change that must not land either
  file.settings.synthflow_api_key = 'sk_typo';
  await stack.clearRequests();
  await importFile(page, 'edited.json', JSON.stringify(file));

  const refusal = page.getByRole('alert').filter({ hasText: 'edited.json was not imported: nothing changed.' });
  await expect(refusal).toBeVisible();
  await expect(refusal.getByRole('listitem')).toHaveText(['Unknown field "synthflow_api_key".']);
  await expect(unsaved(page, 'No unsaved changes')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();
  await page.getByRole('link', { name: 'Limits' }).click();
  await expect(page.getByLabel('Sample rate (%)')).toHaveValue('50');
  expect(patches(await stack.requests())).toEqual([]);
});

test('axe: the transfer page, with a notice and a refusal shown, has no violations in either theme', async ({
  page,
}) => {
  await openTransfer(page, DEMO_PROJECT_ID);
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await page.getByLabel('Copy from project').selectOption({ label: `Bolt Sales Outbound (#${SECOND_PROJECT_ID})` });
  await page.getByRole('checkbox', { name: 'No-calls schedule' }).check();
  await page.getByRole('button', { name: 'Copy into this project' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied No-calls schedule' })).toBeVisible();
  await importFile(page, 'broken.json', '{"format":"cekura-console-settings","version":1,"settings":{"nope":1}}');
  await expect(page.getByRole('alert').filter({ hasText: 'was not imported' })).toBeVisible();
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' }); // the theme follows the system setting by default
  await expect.poll(() => page.evaluate(() => document.documentElement.getAttribute('data-color-scheme'))).toBe('dark');
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
});
