import { expect, test } from './fixtures';

test('the served page renders in Chromium', async ({ page }) => {
  const response = await page.goto('/');
  expect(response?.status()).toBe(200);
  expect(response?.headers()['cache-control']).toBe('no-store'); // each answer carries its own CSP nonce
  await expect(page).toHaveTitle(/cekura/i);
  await expect(page.getByRole('heading').first()).toBeVisible();
});

test('a deep link falls back to the app page', async ({ page }) => {
  const response = await page.goto('/projects/1/general');
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle(/cekura/i);
});

test('/app-api/config says emulator mode and names the emulator, never a key', async ({ request, stack }) => {
  const res = await request.get('/app-api/config');
  expect(res.ok()).toBe(true);
  const config = await res.json();
  expect(config).toEqual({ mode: 'emulator', upstreamHost: new URL(stack.emulatorURL).host });
});

test('the project list goes through the admin server to the emulator', async ({ request, stack }) => {
  await stack.clearRequests();
  const res = await request.get('/api/user/v1/projects/');
  expect(res.status()).toBe(200);
  expect(Array.isArray(await res.json())).toBe(true);
  const received = await stack.requests();
  expect(received.map((r) => `${r.method} ${r.path} ${r.status}`)).toContain('GET /user/v1/projects/ 200');
});

test('the key guard works: a response holding the API key fails the test that received it', async ({ page, stack }) => {
  // Expected to fail: the auto fixture `keyNeverInResponses` must notice the key in this response.
  test.fail();
  // (The project list: the picker fetches it; the config now comes inside index.html.)
  await page.route('**/api/user/v1/projects/', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify([{ id: 1, name: stack.apiKey }]),
    }),
  );
  // Waits for the list itself, not for a quiet network: on a loaded machine the picker's chunk can take longer
  // than networkidle's 500 ms to ask for it.
  const listed = page.waitForResponse((response) => response.url().endsWith('/api/user/v1/projects/'));
  await page.goto('/');
  // Read here too, with no assertion: only the guard may make this test fail.
  await (await listed).text();
});
