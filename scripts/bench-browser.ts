// Figures taken in headless Chromium against the real admin server: cold load of the General section, the
// rubric builder on the scale project (render, keystroke to paint), and the impact preview once its calls
// have arrived. Times are read inside the page (performance.now(), whose origin is the navigation start).
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_PROJECT_ID, SCALE_PROJECT_ID } from '../src/server/emulator/seed';
import { LARGE_RUBRIC_PROJECT_ID } from '../src/server/emulator/seed-scale';
import { installWatcher, keystrokeProbe, watchTry, type Mark } from './bench-page';
import { line, spread, summarize, verdict } from './bench-stats';

const LOADS = 10;
const NAVIGATIONS = 10;
const KEYSTROKES = 40;
const PREVIEWS = 8;
const TRIES = 10;
const VIEWPORT = { width: 1280, height: 800 };
// The same flags as playwright.config.ts.
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// tsx compiles these scripts with esbuild's keepNames, so functions sent into the page call `__name`.
export const KEEP_NAMES_SHIM = 'globalThis.__name = (fn) => fn;';

export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });

/** Each load in a fresh context: empty HTTP cache, nothing in localStorage. */
async function coldPage(browser: Browser, watch: Mark[]): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  await page.addInitScript(KEEP_NAMES_SHIM);
  await page.addInitScript(installWatcher, watch);
  return { context, page };
}

async function waitForMarks(page: Page, marks: Mark[]): Promise<Record<Mark, number>> {
  await page.waitForFunction((names) => names.every((name) => window.__bench?.marks[name] !== undefined), marks, {
    timeout: 30_000,
  });
  return page.evaluate(() => window.__bench.marks as Record<Mark, number>);
}

async function coldLoads(
  browser: Browser,
  baseURL: string,
  path: string,
  marks: Mark[],
): Promise<Record<Mark, number>[]> {
  const results: Record<Mark, number>[] = [];
  for (let i = 0; i < LOADS; i++) {
    const { context, page } = await coldPage(browser, marks);
    await page.goto(`${baseURL}${path}`);
    results.push(await waitForMarks(page, marks));
    await context.close();
  }
  return results;
}

async function benchColdGeneral(browser: Browser, baseURL: string): Promise<string[]> {
  const loads = await coldLoads(browser, baseURL, `/projects/${DEMO_PROJECT_ID}/general`, ['nameReady']);
  const s = summarize(loads.map((l) => l.nameReady));
  const wire = await firstLoadBytes(browser, baseURL, `/projects/${DEMO_PROJECT_ID}/general`);
  return [
    // Issue 22's targets: a quiet machine (load average below 1 at the start).
    line('cold load to a usable General (Name filled)', spread(s, 'ms'), '<= 500 ms', verdict(s.median, 500)),
    line(
      'bytes on the wire, first load of General',
      `${(wire.total / 1024).toFixed(1)} KB (${wire.scripts} scripts: ${(wire.scriptBytes / 1024).toFixed(1)} KB; ` +
        (wire.apiAnswers
          ? `${wire.apiAnswers} API answers: ${(wire.apiBytes / 1024).toFixed(1)} KB, ${wire.apiEncodings})`
          : 'no API answers)'),
      '<= 200 KB',
      verdict(wire.total / 1024, 200),
    ),
  ];
}

/** Headers and encoded bodies of every response of one cold load, as Chromium received them (it sends
 * `Accept-Encoding: gzip, deflate, br, zstd`). */
export async function firstLoadBytes(browser: Browser, baseURL: string, path: string) {
  const { context, page } = await coldPage(browser, ['nameReady']);
  type Size = { body: number; headers: number; script: boolean; api: boolean; encoding: string };
  const sizes: Promise<Size>[] = [];
  page.on('requestfinished', (request) =>
    sizes.push(
      Promise.all([request.sizes(), request.response()]).then(([size, response]) => ({
        body: size.responseBodySize,
        headers: size.responseHeadersSize,
        script: request.resourceType() === 'script',
        // The answers made per request: the API's JSON (the page itself carries the first screen's data).
        api: new URL(request.url()).pathname.startsWith('/api/'),
        encoding: response?.headers()['content-encoding'] ?? 'identity',
      })),
    ),
  );
  await page.goto(`${baseURL}${path}`);
  await waitForMarks(page, ['nameReady']);
  const all = await Promise.all(sizes);
  await context.close();
  const scripts = all.filter((s) => s.script);
  const api = all.filter((s) => s.api);
  return {
    total: all.reduce((sum, s) => sum + s.body + s.headers, 0),
    scripts: scripts.length,
    scriptBytes: scripts.reduce((sum, s) => sum + s.body, 0),
    apiAnswers: api.length,
    apiBytes: api.reduce((sum, s) => sum + s.body, 0),
    apiEncodings: [...new Set(api.map((s) => s.encoding))].join('/'),
  };
}

async function benchRubricRender(browser: Browser, baseURL: string): Promise<string[]> {
  const cold = await coldLoads(browser, baseURL, `/projects/${SCALE_PROJECT_ID}/rubric`, [
    'rulesShown',
    'pickersFilled',
  ]);
  // In-app: the project is loaded, the chunk and the 2,000 metrics are cached; this is the render itself.
  const { context, page } = await coldPage(browser, ['pickersFilled']);
  await page.goto(`${baseURL}/projects/${SCALE_PROJECT_ID}/rubric`);
  await waitForMarks(page, ['pickersFilled']);
  const inApp: number[] = [];
  for (let i = 0; i < NAVIGATIONS; i++) {
    await page.getByRole('link', { name: 'General' }).click();
    await page.getByRole('heading', { name: 'General', level: 1 }).waitFor();
    await page.evaluate(() => window.__bench.watch(['rulesShown', 'pickersFilled'], true));
    await page.getByRole('link', { name: /^Rubric builder/ }).click();
    const marks = await waitForMarks(page, ['rulesShown', 'pickersFilled']);
    inApp.push(marks.rulesShown - marks.clicked);
  }
  await context.close();
  const shown = summarize(cold.map((l) => l.rulesShown));
  const filled = summarize(cold.map((l) => l.pickersFilled));
  const nav = summarize(inApp);
  return [
    line('rubric, scale project: cold load to rule list', spread(shown, 'ms'), '<= 700 ms', verdict(shown.median, 700)),
    line('  cold load to metric pickers filled', spread(filled, 'ms')),
    line('  in-app navigation (General -> Rubric)', spread(nav, 'ms'), '<= 500 ms', verdict(nav.median, 500)),
  ];
}

/** A rule's number field: "Score (0-5)" on a qualitative scale, "Value" or "Value (unit)" on a plain number. */
const numberField = (page: Page, n: number) =>
  page.getByRole('group', { name: `Rule ${n}`, exact: true }).getByRole('textbox', { name: /^(Score|Value)\b/ });

/** The caret at the end of rule 3's number, the keystroke probe armed (reset). */
async function focusRuleScore(page: Page): Promise<void> {
  const score = numberField(page, 3);
  await score.click();
  await score.press('End');
  await page.evaluate(keystrokeProbe);
}

/** A fresh page on a project's rubric, its metric pickers filled, ready to type in rule 3's number. */
export async function openAtRuleScore(
  browser: Browser,
  baseURL: string,
  projectId: number,
  beforeLoad?: (page: Page) => Promise<unknown>,
): Promise<{ context: BrowserContext; page: Page }> {
  const { context, page } = await coldPage(browser, ['pickersFilled']);
  await beforeLoad?.(page);
  await page.goto(`${baseURL}/projects/${projectId}/rubric`);
  await waitForMarks(page, ['pickersFilled']);
  await focusRuleScore(page);
  return { context, page };
}

/** `count` keystrokes at the caret: a digit, then Backspace, so the value stays valid; then time to settle. */
export async function typeDigitThenBackspace(page: Page, count: number): Promise<void> {
  for (let i = 0; i < count / 2; i++) {
    await page.keyboard.press(String(i % 10), { delay: 0 });
    await page.waitForTimeout(100);
    await page.keyboard.press('Backspace');
    await page.waitForTimeout(100);
  }
  await page.waitForTimeout(300);
}

/** Keystrokes in rule 3's number ("score <= 2300"). */
async function typeAndMeasure(page: Page): Promise<{ paint: number[]; handling: number[] }> {
  await focusRuleScore(page);
  await typeDigitThenBackspace(page, KEYSTROKES);
  return page.evaluate(() => ({ paint: window.__bench.keystrokes, handling: window.__bench.handling }));
}

/** Keystrokes in a rubric of `rules` rules: paint p95 against `target`, input handling median against 4 ms. */
function keystrokeLines(label: string, measured: { paint: number[]; handling: number[] }, target: number): string[] {
  const paint = summarize(measured.paint);
  const handling = summarize(measured.handling);
  return [
    line(
      `${label}: keydown to paint, p95`,
      `${paint.p95.toFixed(1)} ms (${spread(paint, 'ms', 1)})`,
      `<= ${target} ms`,
      verdict(paint.p95, target),
    ),
    line(
      `  input handling (JS) per keystroke`,
      spread(handling, 'ms', 1),
      '<= 4 ms median',
      verdict(handling.median, 4),
    ),
  ];
}

/** The 1,000-rule project: the same keystrokes in its rule 3. */
async function benchLargeTyping(browser: Browser, baseURL: string): Promise<string[]> {
  const { context, page } = await coldPage(browser, ['pickersFilled']);
  await page.goto(`${baseURL}/projects/${LARGE_RUBRIC_PROJECT_ID}/rubric`);
  await waitForMarks(page, ['pickersFilled']);
  const measured = await typeAndMeasure(page);
  await context.close();
  return keystrokeLines('rubric, 1,000 rules (3,000 metrics)', measured, 25);
}

async function benchTypingAndImpact(browser: Browser, baseURL: string): Promise<string[]> {
  const { context, page } = await coldPage(browser, ['pickersFilled']);
  await page.goto(`${baseURL}/projects/${SCALE_PROJECT_ID}/rubric`);
  await waitForMarks(page, ['pickersFilled']);
  const plain = await typeAndMeasure(page);

  // The same draft as the Node figure: rule 2 "score >= 2" becomes ">= 4".
  await numberField(page, 2).fill('4');
  const previews: number[] = [];
  let calls = '';
  for (let i = 0; i < PREVIEWS; i++) {
    // The preview window starts at a whole second: within the same second "Refresh" would reuse the cached calls.
    await page.waitForTimeout(1100);
    await page.evaluate(() => window.__bench.watchImpact());
    await page.getByRole('button', { name: i === 0 ? 'Preview impact' : 'Refresh preview' }).click();
    const result = await page.waitForFunction(() => window.__bench.impact, undefined, { timeout: 30_000 });
    const impact = (await result.jsonValue()) as { afterData: number; requests: number };
    previews.push(impact.afterData);
    calls = `${impact.requests} call-log pages`;
  }
  const withPreview = await typeAndMeasure(page);
  const tries = summarize(await tryCalls(page));
  await context.close();
  const impact = summarize(previews);
  return [
    ...keystrokeLines('rubric, 300 rules', plain, 16),
    ...keystrokeLines('  same, with the impact preview shown', withPreview, 16),
    line(
      'impact, browser: last call page in -> shown',
      `${spread(impact, 'ms')}; ${calls}`,
      '<= 200 ms',
      verdict(impact.median, 200),
    ),
    line(
      'try on a call (300 rules, saved + draft): pick -> shown',
      spread(tries, 'ms'),
      '<= 200 ms',
      verdict(tries.median, 200),
    ),
  ];
}

/** "Try on a call" with the preview's calls loaded: a different call each time, picked in the Call search. */
async function tryCalls(page: Page): Promise<number[]> {
  const picker = page.getByRole('region', { name: 'Try on a call' }).getByRole('combobox', { name: 'Call' });
  await picker.click();
  const labels = await page.getByRole('option').allTextContents();
  await page.keyboard.press('Escape');
  const ids = labels.map((label) => Number(/^#(\d+)/.exec(label)?.[1])).filter(Number.isInteger);
  const times: number[] = [];
  for (const id of ids.slice(0, TRIES)) {
    await picker.click();
    await picker.fill(String(id));
    const option = page.getByRole('option', { name: new RegExp(`^#${id} ·`) });
    await option.waitFor();
    await page.evaluate(watchTry, id);
    await option.click();
    const shown = await page.waitForFunction(() => window.__bench.tryShown, undefined, { timeout: 30_000 });
    times.push((await shown.jsonValue()) as number);
  }
  return times;
}

/** `--only first-screen`: the two cold loads alone (a few minutes less than the whole browser part). */
export async function benchFirstScreen(baseURL: string): Promise<string[]> {
  const browser = await launchBrowser();
  try {
    return [...(await benchColdGeneral(browser, baseURL)), ...(await benchRubricRender(browser, baseURL))];
  } finally {
    await browser.close();
  }
}

export async function benchBrowser(baseURL: string): Promise<string[]> {
  const browser = await launchBrowser();
  try {
    return [
      ...(await benchColdGeneral(browser, baseURL)),
      ...(await benchRubricRender(browser, baseURL)),
      ...(await benchTypingAndImpact(browser, baseURL)),
      ...(await benchLargeTyping(browser, baseURL)),
    ];
  } finally {
    await browser.close();
  }
}
