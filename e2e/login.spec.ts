// Login in Chromium, against a real admin server of its own that has a user (the shared fixture's server has
// none, so the other specs run without login): redirect to the login page, errors, the session cookie,
// `next` kept same-origin, logout.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { DEMO_PROJECT_ID } from '../src/server/emulator/seed-demo';
import { freePort } from '../scripts/free-port';
import { reportCspViolations } from './csp';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PASSWORD = 'e2e password for ann';
const P = DEMO_PROJECT_ID;

let server: ChildProcess | undefined;
let dataDir = '';
let base = '';

test.beforeAll(async () => {
  test.setTimeout(180_000); // the first server may build the SPA
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'cekura-e2e-login-'));
  const added = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/user-add.ts', 'ann'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir },
    input: `${PASSWORD}\n`,
    encoding: 'utf8',
  });
  expect(added.status, added.stderr).toBe(0);
  const [port, emulatorPort] = [await freePort(), await freePort()];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    EMULATOR_PORT: String(emulatorPort),
    EXIT_WITH_STDIN: '1',
  };
  delete env.CEKURA_API_KEY;
  server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (server.exitCode !== null) throw new Error('the admin server exited during startup');
    const up = await fetch(`${base}/app-api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the admin server did not start');
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server?.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

async function logIn(page: Page, password = PASSWORD): Promise<void> {
  await page.getByLabel('User name').fill('ann');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

test('a page asks for login first, then opens where the user was going', async ({ page, context }) => {
  // The login page and the console behind it run under the strict CSP (no inline style): nothing is refused.
  const problems: string[] = [];
  await reportCspViolations(page);
  page.on('console', (message) => {
    if (message.type() === 'error' && /CSP violation|Content Security Policy/.test(message.text()))
      problems.push(message.text());
  });
  await page.goto(`${base}/projects/${P}/limits`);
  await expect(page).toHaveURL(`${base}/login?next=${encodeURIComponent(`/projects/${P}/limits`)}`);
  await expect(page.getByRole('heading', { name: 'Cekura console' })).toBeVisible();
  // Styled by login.css (22rem wide), not left to the browser's defaults.
  await expect(page.locator('main')).toHaveCSS('max-width', '352px');
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  await logIn(page, 'not the password');
  await expect(page.getByRole('alert')).toHaveText('Wrong user name or password.');
  await expect(page).toHaveURL(/\/login\?/);

  await logIn(page);
  await expect(page).toHaveURL(`${base}/projects/${P}/limits`);
  await expect(page.getByLabel('Sample rate (%)')).toBeVisible();
  const [cookie] = await context.cookies(base);
  expect(cookie).toMatchObject({ name: 'cekura_session', httpOnly: true, sameSite: 'Strict', path: '/' });
  // The page's script cannot read the session.
  expect(await page.evaluate(() => document.cookie)).not.toContain('cekura_session');
  expect(problems).toEqual([]);
});

test('a next= pointing elsewhere lands on the console itself', async ({ page }) => {
  await page.goto(`${base}/login?next=${encodeURIComponent('//evil.example/steal')}`);
  await logIn(page);
  await expect(page).toHaveURL(`${base}/`);
});

test('the top bar says who is signed in; Log out ends the session', async ({ page }) => {
  await page.goto(`${base}/login?next=${encodeURIComponent(`/projects/${P}/general`)}`);
  await logIn(page);
  await expect(page.getByText('Signed in as ann')).toBeVisible();
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page).toHaveURL(`${base}/login`);
  await page.goto(`${base}/projects/${P}/general`);
  await expect(page).toHaveURL(/\/login\?next=/);
  expect((await page.request.get(`${base}/api/user/v1/projects/`)).status()).toBe(401);
});
