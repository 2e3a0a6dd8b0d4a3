// Integrations: provider keys are write-only. A replaced key reaches the emulator's store but never comes
// back in any response; untouched keys are never in a PATCH body; Clear sends "".
import AxeBuilder from '@axe-core/playwright';
import type { Page, Response } from '@playwright/test';
import { expect, test, type EmuRequest } from './fixtures';
import { confirmReview, openReview } from './helpers';
import { DEMO_PROJECT_ID } from '../src/server/emulator/seed-demo';

const patches = (requests: EmuRequest[]) => requests.filter((r) => r.method === 'PATCH');

async function openIntegrations(page: Page, projectId: number) {
  await page.goto(`/projects/${projectId}/integrations`);
  await expect(page.getByRole('heading', { level: 1, name: 'Integrations' })).toBeVisible();
}

async function save(page: Page) {
  await openReview(page);
  await confirmReview(page);
  await expect(page.getByRole('status').filter({ hasText: 'No unsaved changes' })).toBeVisible();
}

async function storedSecrets(emulatorURL: string, projectId: number): Promise<Record<string, string | null>> {
  const res = await fetch(`${emulatorURL}/__emulator/secrets/${projectId}`);
  return ((await res.json()) as { secrets: Record<string, string | null> }).secrets;
}

/** Every copy of the project the page received: API answers, and the one each index.html carries (first-screen.ts). */
function projectsReceived(all: { url: string; body: string }[], projectId: number): Record<string, unknown>[] {
  const fromApi = all
    .filter((r) => r.url.endsWith(`/api/user/v1/projects/${projectId}/`))
    .map((r) => JSON.parse(r.body) as Record<string, unknown>);
  const fromPages = all
    .map((r) => /<script type="application\/json" id="cekura-first-screen">(.*?)<\/script>/s.exec(r.body)?.[1])
    .filter((text) => text !== undefined)
    .map((text) => (JSON.parse(text) as { project?: { data: Record<string, unknown> } }).project?.data)
    .filter((project) => project !== undefined);
  return [...fromApi, ...fromPages];
}

/** Collects the text of every response the page receives (awaited at the end, so none is missed). */
function recordResponses(page: Page): () => Promise<{ url: string; body: string }[]> {
  const bodies: Promise<{ url: string; body: string }>[] = [];
  const onResponse = (response: Response) =>
    bodies.push(
      response.text().then(
        (body) => ({ url: response.url(), body }),
        () => ({ url: response.url(), body: '' }),
      ),
    );
  page.on('response', onResponse);
  return async () => {
    page.off('response', onResponse);
    return Promise.all(bodies);
  };
}

test('Replace the Vapi key: stored upstream, never in a response, status configured; Clear removes it', async ({
  page,
  stack,
}) => {
  const newKey = `vapi_sk_e2e_${Date.now().toString(36)}_9f3c`;
  const bodies = recordResponses(page);
  await openIntegrations(page, DEMO_PROJECT_ID);
  const vapi = page.getByRole('group', { name: 'Vapi private API key' });
  await expect(vapi).toContainText('Status: Configured');

  await vapi.getByRole('button', { name: 'Replace' }).click();
  const input = vapi.getByLabel('New Vapi private API key');
  await expect(input).toHaveAttribute('type', 'password');
  await input.fill(newKey);
  await vapi.getByRole('button', { name: 'Show value' }).click();
  await expect(input).toHaveAttribute('type', 'text');
  await stack.clearRequests();
  await save(page);

  const sent = patches(await stack.requests());
  expect(sent).toHaveLength(1);
  expect(Object.keys(sent[0].body as object)).toEqual(['vapi_api_key']); // the log redacts the value itself
  expect((await storedSecrets(stack.emulatorURL, DEMO_PROJECT_ID)).vapi_api_key).toBe(newKey);
  await expect(vapi).toContainText('Status: Configured');
  await expect(vapi.getByRole('button', { name: 'Replace' })).toBeVisible();
  await expect(page.getByLabel('New Vapi private API key')).toHaveCount(0);

  await page.reload();
  await expect(vapi).toContainText('Status: Configured');
  const all = await bodies();
  const projects = projectsReceived(all, DEMO_PROJECT_ID);
  expect(projects.length).toBeGreaterThanOrEqual(3); // first load, the PATCH answer, the reload
  // Current API version: no write-only key (secret) in any project response.
  for (const project of projects)
    expect(Object.keys(project).filter((key) => /_api_key$|^webhook_secret$/.test(key))).toEqual([]);
  for (const { body } of all) expect(body).not.toContain(newKey);
  expect(await page.content()).not.toContain(newKey);

  // Clear: asks first, then sends "" and the status becomes "Not set".
  await vapi.getByRole('button', { name: 'Clear' }).click();
  await page
    .getByRole('dialog', { name: 'Clear the Vapi private API key?' })
    .getByRole('button', { name: 'Clear on save' })
    .click();
  await expect(vapi).toContainText('will be cleared when you save');
  await stack.clearRequests();
  await save(page);
  expect(patches(await stack.requests()).map((r) => r.body)).toEqual([{ vapi_api_key: '' }]);
  await expect(vapi).toContainText('Status: Not set');
  expect((await storedSecrets(stack.emulatorURL, DEMO_PROJECT_ID)).vapi_api_key).toBeNull();
});

test('Set a key that was not configured; the other keys stay out of the PATCH', async ({ page, stack }) => {
  const before = await storedSecrets(stack.emulatorURL, DEMO_PROJECT_ID);
  expect(before.retell_api_key).toBeNull();
  await openIntegrations(page, DEMO_PROJECT_ID);
  const retell = page.getByRole('group', { name: 'Retell API key' });
  await expect(retell).toContainText('Status: Not set');
  await expect(retell.getByRole('button', { name: 'Clear' })).toHaveCount(0);
  await retell.getByRole('button', { name: 'Set' }).click();
  await retell.getByLabel('New Retell API key').fill('key_retell_e2e_0001');
  await stack.clearRequests();
  // None was stored, so the review says "set", not "replaced".
  const review = await openReview(page);
  await expect(review.getByRole('listitem')).toHaveText(['Retell API key: will be set']);
  await confirmReview(page);
  await expect(page.getByRole('status').filter({ hasText: 'No unsaved changes' })).toBeVisible();
  expect(patches(await stack.requests()).map((r) => Object.keys(r.body as object))).toEqual([['retell_api_key']]);
  await expect(retell).toContainText('Status: Configured');
  const after = await storedSecrets(stack.emulatorURL, DEMO_PROJECT_ID);
  expect(after).toEqual({ ...before, retell_api_key: 'key_retell_e2e_0001' });
});

test('an opened but empty replacement is no change: no message, nothing sent; blanks typed in are reported', async ({
  page,
  stack,
}) => {
  await openIntegrations(page, DEMO_PROJECT_ID);
  const synthflow = page.getByRole('group', { name: 'Synthflow API key' });
  await synthflow.getByRole('button', { name: 'Set' }).click();
  const input = synthflow.getByLabel('New Synthflow API key');
  await expect(input).toBeFocused();
  await expect(input).toHaveAccessibleDescription('Sent once when you save; never shown again.');
  await expect(page.getByRole('status').filter({ hasText: 'No unsaved changes' })).toBeVisible();
  await input.fill('  ');
  await expect(input).toHaveAccessibleDescription(/Enter the new value, or cancel the replacement\./);
  await stack.clearRequests();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Not saved: some values need fixing.')).toBeVisible();
  expect(patches(await stack.requests())).toEqual([]);
  await synthflow.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'No unsaved changes' })).toBeVisible();
});

test('every provider key and the Vapi public key show their status from the *_configured flags', async ({
  page,
  stack,
}) => {
  const project = await stack.getProject(DEMO_PROJECT_ID);
  await openIntegrations(page, DEMO_PROJECT_ID);
  const keys = {
    vapi_api_key: 'Vapi private API key',
    retell_api_key: 'Retell API key',
    syntflow_api_key: 'Synthflow API key',
    elevenlabs_api_key: 'ElevenLabs API key',
    livekit_api_key: 'LiveKit API key',
    pipecat_api_key: 'Pipecat (Daily.co) API key',
  };
  for (const [field, label] of Object.entries(keys)) {
    const configured = project[`${field}_configured`] === true;
    await expect(page.getByRole('group', { name: label })).toContainText(
      `Status: ${configured ? 'Configured' : 'Not set'}`,
    );
  }
  const publicKey = page.getByRole('region', { name: 'Vapi public key' });
  await expect(publicKey).toContainText(
    `Status: ${project.vapi_public_key_configured === true ? 'Configured' : 'Not set'}`,
  );
  await expect(publicKey.getByRole('button')).toHaveCount(0);
});

test('axe: no violations in the integrations section (also with a key being replaced)', async ({ page }) => {
  await openIntegrations(page, DEMO_PROJECT_ID);
  expect((await new AxeBuilder({ page }).include('main').analyze()).violations).toEqual([]);
  await page.getByRole('group', { name: 'Vapi private API key' }).getByRole('button', { name: 'Replace' }).click();
  expect((await new AxeBuilder({ page }).include('main').analyze()).violations).toEqual([]);
});
