import { defineConfig } from '@playwright/test';

// Real Chromium from the system (never downloaded); each worker starts its own admin server + emulator
// (see e2e/fixtures.ts), which also sets baseURL.
export default defineConfig({
  testDir: 'e2e',
  workers: 2,
  retries: 0,
  reporter: 'list',
  timeout: 90_000, // a cap for a busy machine; tests wait for states, never for time
  expect: { timeout: 20_000 },
  use: {
    browserName: 'chromium',
    trace: 'off',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
