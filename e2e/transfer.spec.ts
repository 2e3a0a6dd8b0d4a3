// Import & export in Chromium through the real admin server and emulator: an export downloads the saved
// settings without secrets; an import or a copy becomes unsaved changes that only Save (through the review,
// with If-Match) sends; a file with an unknown field is refused whole.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test, type EmuRequest } from './fixtures';
import { confirmReview, openReview } from './helpers';
import { DEMO_PROJECT_ID, SECOND_PROJECT_ID } from '../src/server/emulator/seed-demo';
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

test('export from one project, import into the other: the review lists exactly the differences, Confirm sends exactly them', async ({
  page,
  stack,
}) => {
  // Acme without its rubric (its rules name Acme's metrics, which Bolt lacks: see the next test).
  await stack.setRaw(DEMO_PROJECT_ID, { rubric_config: {} });
  await openTransfer(page, DEMO_PROJECT_ID);
  const { name, text } = await exportFile(page);

  await openTransfer(page, SECOND_PROJECT_ID);
  await stack.clearRequests();
  await importFile(page, name, text);
  const target = await projectOf(stack, SECOND_PROJECT_ID);
  const expected = buildPatch(target, applySettingsToDraft(toFormValues(target), parseSettingsImport(text).settings));
  const fields = Object.keys(expected);
  expect(fields.length).toBeGreaterThan(5);
  expect(fields).toContain('rubric_config');
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
  for (const field of fields) expect(after[field], field).toEqual(JSON.parse(text).settings[field]);
});

test('an imported rubric naming metrics the project lacks: the notice says how many, the Rubric builder flags them, nothing is sent', async ({
  page,
  stack,
}) => {
  await openTransfer(page, DEMO_PROJECT_ID);
  const { name, text } = await exportFile(page);
  const rules = rulesOf(JSON.parse(text).settings.rubric_config).length;

  await openTransfer(page, SECOND_PROJECT_ID);
  await stack.clearRequests();
  await importFile(page, name, text);
  const warning = page.getByRole('status').filter({ hasText: 'this project does not have' });
  await expect(warning).toHaveText(`${rules} rules use metrics this project does not have: see Rubric builder.`);
  await warning.getByRole('link', { name: 'Rubric builder' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Rubric builder' })).toBeVisible();
  await expect(page.getByText(/is not one of this project's metrics/)).toHaveCount(rules); // the builder's own check, once per rule

  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Not saved: some values need fixing.')).toBeVisible();
  await expect(page.getByRole('dialog', { name: 'Review changes' })).toHaveCount(0);
  expect(patches(await stack.requests())).toEqual([]);
});

test('copying Notifications from another project saves only the differing notification fields', async ({
  page,
  stack,
}) => {
  await openTransfer(page, DEMO_PROJECT_ID);
  await page.getByLabel('Copy from project').selectOption({ label: `Bolt Sales Outbound (#${SECOND_PROJECT_ID})` });
  await page.getByRole('checkbox', { name: 'Notifications' }).check();
  await expect(page.getByRole('checkbox', { name: 'No-calls schedule' })).not.toBeChecked();
  await stack.clearRequests();
  await page.getByRole('button', { name: 'Copy into this project' }).click();
  const notice = page.getByRole('status').filter({ hasText: 'Copied Notifications from "Bolt Sales Outbound"' });
  await expect(notice).toBeVisible();
  const requests = await stack.requests(); // before the test's own reads below
  expect(
    requests.filter((r) => r.method === 'GET' && r.path === `/user/v1/projects/${SECOND_PROJECT_ID}/`),
  ).toHaveLength(1); // read fresh
  expect(patches(requests)).toEqual([]);

  const [target, source] = [await projectOf(stack, DEMO_PROJECT_ID), await projectOf(stack, SECOND_PROJECT_ID)];
  const expected = buildPatch(
    target,
    applySettingsToDraft(toFormValues(target), settingsOfSections(source, ['notifications'])),
  );
  const fields = Object.keys(expected);
  expect(fields.length).toBeGreaterThan(3);
  for (const field of fields) expect(PROJECT_FIELDS[field as ProjectField].section, field).toBe('notifications');
  await expect(notice).toContainText(`${fields.length} settings changed`);
  await stack.clearRequests();

  expect(await reviewedLabels(page)).toEqual(labelsOf(fields));
  await confirmReview(page);
  await expect(unsaved(page, 'No unsaved changes')).toBeVisible();
  const sent = patches(await stack.requests());
  expect(sent).toHaveLength(1);
  expect(sent[0].body).toEqual(JSON.parse(JSON.stringify(expected)));
  expect(Object.keys(sent[0].body as object).sort()).toEqual(fields.sort());
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
