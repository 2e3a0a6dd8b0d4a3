// Regenerates the README's screenshots (docs/*.png) from the real app on the demo data:
// `node --import tsx scripts/bench-screenshots.ts`. Light and dark at 1280 px, the 800 px layout with its
// section menu closed and open.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PROJECT_ID } from '../src/server/emulator/seed';
import { launchBrowser } from './bench-browser';
import { ROOT, startEmbeddedStack } from './bench-stack';

const shot = (name: string) => path.join(ROOT, 'docs', `screenshot-${name}.png`);

async function open(
  browser: Browser,
  baseURL: string,
  width: number,
  scheme: 'light' | 'dark',
  section: string,
): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width, height: 900 },
    colorScheme: scheme,
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  await page.goto(`${baseURL}/projects/${DEMO_PROJECT_ID}/${section}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  // Settled: no progress bar left (section code, metrics, agents).
  await page.waitForFunction(() => document.querySelectorAll('[role="progressbar"]').length === 0);
  await page.waitForTimeout(300); // ripples and transitions
  return page;
}

async function main(): Promise<void> {
  const stack = await startEmbeddedStack();
  const browser = await launchBrowser();
  try {
    for (const scheme of ['light', 'dark'] as const) {
      const page = await open(browser, stack.baseURL, 1280, scheme, 'rubric');
      await page.screenshot({ path: shot(scheme) });
      await page.context().close();
    }
    const narrow = await open(browser, stack.baseURL, 800, 'light', 'notifications');
    await narrow.screenshot({ path: shot('800') });
    await narrow.getByRole('button', { name: 'Sections' }).click();
    await narrow.getByRole('dialog', { name: 'Section menu' }).waitFor();
    await narrow.waitForTimeout(400); // the drawer's slide-in
    await narrow.screenshot({ path: shot('800-menu') });
    console.log(`Wrote ${['light', 'dark', '800', '800-menu'].map((n) => path.relative(ROOT, shot(n))).join(', ')}`);
  } finally {
    await browser.close();
    await stack.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
