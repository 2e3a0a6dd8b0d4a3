// Where a cold load's time goes, and same-moment A/B comparisons of two builds:
//
//   node --import tsx scripts/trace-first-screen.ts [--loads N] [--path /projects/1837/general] [ROOT_A [ROOT_B]]
//
// Each ROOT is a checkout with a built dist/ (default: this one). Each gets its own admin server with the
// embedded emulator (demo + scale seed, as `npm run bench`). The loads alternate between the roots (A, B, A,
// B, ...: on a busy machine both see the same moments), each in a fresh browser context (empty cache). After
// the loads it prints, per root, the median of each timeline point and the median "usable" mark, and one
// load's timeline in full. Times are ms from the navigation start, read in the page.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { KEEP_NAMES_SHIM, launchBrowser } from './bench-browser';
import { installWatcher, type Mark } from './bench-page';
import type { EmbeddedStack } from './bench-stack';

type Span = { name: string; start: number; responseStart: number; end: number; bytes: number };
type Frame = { start: number; duration: number; scripts: { source: string; start: number; duration: number }[] };
type Trace = {
  usable: number;
  html: { requestStart: number; responseStart: number; responseEnd: number; domInteractive: number };
  resources: Span[];
  frames: Frame[];
  firstRender: number | null;
  fcp: number | null;
  /** CPU the page's main thread spent on tasks (CDP Performance.TaskDuration), and scripts alone. */
  pageTaskMs: number;
  pageScriptMs: number;
  /** CPU time of the page's main thread (CDP ThreadTime): moves far less with the machine's load. */
  pageThreadCpuMs: number;
  /** CPU the admin server process (with its embedded emulator) spent during the load: user + system. */
  serverCpuMs: number;
};

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(name);
  if (at === -1) return fallback;
  const [, value] = args.splice(at, 2);
  return value;
};
const LOADS = Number(option('--loads', '12'));
const PAGE = option('--path', '/projects/1837/general');
const MARK: Mark = PAGE.endsWith('/rubric') ? 'rulesShown' : 'nameReady';
const roots = args.length ? args.map((a) => path.resolve(a)) : [path.resolve(import.meta.dirname, '..')];

/** Init script: when #root first gets a child (React's first commit), and the long animation frames. */
function installProbes(): void {
  const probe = { firstRender: null as number | null, frames: [] as PerformanceEntry[] };
  (window as unknown as { __probe: typeof probe }).__probe = probe;
  new MutationObserver((_, observer) => {
    if (document.getElementById('root')?.firstChild) {
      probe.firstRender = performance.now();
      observer.disconnect();
    }
  }).observe(document, { subtree: true, childList: true });
  new PerformanceObserver((list) => probe.frames.push(...list.getEntries())).observe({
    type: 'long-animation-frame',
    buffered: true,
  });
}

/** The process listening on the admin server's port. */
function serverPid(baseURL: string): number {
  const port = new URL(baseURL).port;
  const out = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
  const pid = /pid=(\d+)/.exec(out)?.[1];
  if (!pid) throw new Error(`No process listens on ${port}`);
  return Number(pid);
}

const TICK_MS = 1000 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime, stime
}

async function coldTrace(browser: Browser, baseURL: string, pid: number): Promise<Trace> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.addInitScript(KEEP_NAMES_SHIM);
  await page.addInitScript(installWatcher, [MARK]);
  await page.addInitScript(installProbes);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const cpuBefore = cpuMs(pid);
  await page.goto(`${baseURL}${PAGE}`);
  await page.waitForFunction((mark) => window.__bench?.marks[mark] !== undefined, MARK, { timeout: 60_000 });
  const cpuAtMark = cpuMs(pid);
  const metrics = Object.fromEntries(
    (await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value * 1000]),
  );
  // The observer hands over the last long frames a little later.
  await page.waitForTimeout(500);
  const trace = await page.evaluate((mark) => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const probe = (window as unknown as { __probe: { firstRender: number | null; frames: PerformanceEntry[] } })
      .__probe;
    type LoafScript = { sourceURL: string; executionStart: number; duration: number };
    return {
      usable: window.__bench.marks[mark] as number,
      html: {
        requestStart: nav.requestStart,
        responseStart: nav.responseStart,
        responseEnd: nav.responseEnd,
        domInteractive: nav.domInteractive,
      },
      resources: (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((r) => ({
        name: new URL(r.name).pathname,
        start: r.startTime,
        responseStart: r.responseStart,
        end: r.responseEnd,
        bytes: r.transferSize,
      })),
      frames: probe.frames.map((f) => ({
        start: f.startTime,
        duration: f.duration,
        scripts: ((f as unknown as { scripts: LoafScript[] }).scripts ?? []).map((s) => ({
          source: s.sourceURL ? new URL(s.sourceURL).pathname : '(inline)',
          start: s.executionStart,
          duration: s.duration,
        })),
      })),
      firstRender: probe.firstRender,
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
    };
  }, MARK);
  await context.close();
  return {
    ...trace,
    pageTaskMs: metrics.TaskDuration,
    pageScriptMs: metrics.ScriptDuration,
    pageThreadCpuMs: metrics.ThreadTime,
    serverCpuMs: cpuAtMark - cpuBefore,
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2 : NaN;
};
const ms = (n: number | null | undefined) => (n == null || Number.isNaN(n) ? '   -' : n.toFixed(0).padStart(5));
const load = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');

/** The entry script (index-*.js) and the API requests are what the page waits for. */
function summary(traces: Trace[]): string[] {
  const point = (f: (t: Trace) => number | null | undefined) =>
    ms(median(traces.map(f).filter((x): x is number => x != null)));
  const entry = (t: Trace) => t.resources.find((r) => /\/assets\/index-[^/]+\.js$/.test(r.name));
  const entryRun = (t: Trace) =>
    t.frames.flatMap((f) => f.scripts).find((s) => /\/assets\/index-[^/]+\.js$/.test(s.source));
  const api = new Set(traces.flatMap((t) => t.resources.filter((r) => r.name.startsWith('/api/')).map((r) => r.name)));
  const lines = [
    `  HTML response start / end          ${point((t) => t.html.responseStart)} / ${point((t) => t.html.responseEnd)}`,
    `  entry script response end          ${point((t) => entry(t)?.end)}`,
    `  entry script run start / duration  ${point((t) => entryRun(t)?.start)} / ${point((t) => entryRun(t)?.duration)}`,
    `  last script (any .js) arrived      ${point((t) => Math.max(...t.resources.filter((r) => r.name.endsWith('.js')).map((r) => r.end)))}`,
    `  first render (#root filled)        ${point((t) => t.firstRender)}`,
    `  first contentful paint             ${point((t) => t.fcp)}`,
    `  usable (${MARK})                 ${point((t) => t.usable)}   (min ${ms(Math.min(...traces.map((t) => t.usable)))}, max ${ms(Math.max(...traces.map((t) => t.usable)))})`,
    `  long-frame time before usable      ${point((t) => t.frames.filter((f) => f.start < t.usable).reduce((s, f) => s + f.duration, 0))}`,
    `  page main-thread CPU: tasks / JS   ${point((t) => t.pageTaskMs)} / ${point((t) => t.pageScriptMs)}  (to the mark + 500 ms)`,
    `  page main-thread CPU time          ${point((t) => t.pageThreadCpuMs)}`,
    `  admin server CPU during the load   ${point((t) => t.serverCpuMs)}`,
    `  usable, each load                  ${traces.map((t) => t.usable.toFixed(0)).join(' ')}`,
  ];
  for (const name of api) {
    const of = (t: Trace) => t.resources.find((r) => r.name === name);
    lines.push(
      `  ${name.padEnd(34)} start ${point((t) => of(t)?.start)} first byte ${point((t) => of(t)?.responseStart)} end ${point((t) => of(t)?.end)} (${traces.filter(of).length}/${traces.length} loads, ${point((t) => of(t)?.bytes)} B)`,
    );
  }
  return lines;
}

function timeline(t: Trace): string[] {
  const rows: [number, string][] = [
    [t.html.responseStart, 'HTML first byte'],
    [t.html.responseEnd, 'HTML last byte'],
    [t.html.domInteractive, 'DOM interactive'],
    ...t.resources.map((r): [number, string] => [
      r.start,
      `${r.name} ${ms(r.start)} -> first byte ${ms(r.responseStart)} -> end ${ms(r.end)} (${r.bytes} B)`,
    ]),
    ...t.frames.map((f): [number, string] => [
      f.start,
      `long frame ${ms(f.duration)} ms: ${f.scripts.map((s) => `${s.source.replace('/assets/', '')} ${ms(s.start)}+${s.duration.toFixed(0)}`).join(', ')}`,
    ]),
    [t.firstRender ?? NaN, 'first render (#root filled)'],
    [t.fcp ?? NaN, 'first contentful paint'],
    [t.usable, `usable (${MARK})`],
  ];
  return rows.sort((a, b) => a[0] - b[0]).map(([at, text]) => `  ${ms(at)}  ${text}`);
}

async function main(): Promise<void> {
  console.log(`${PAGE}, ${LOADS} cold loads per root, alternating; load average ${load()}`);
  const stacks: EmbeddedStack[] = [];
  try {
    for (const root of roots) {
      const { startEmbeddedStack } = (await import(
        pathToFileURL(path.join(root, 'scripts/bench-stack.ts')).href
      )) as typeof import('./bench-stack');
      stacks.push(await startEmbeddedStack());
    }
    const pids = stacks.map((s) => serverPid(s.baseURL));
    const browser = await launchBrowser();
    const traces: Trace[][] = roots.map(() => []);
    // One load each first, not counted: the servers' first requests (JIT, SQLite statements) and the browser.
    for (const [k, stack] of stacks.entries()) await coldTrace(browser, stack.baseURL, pids[k]);
    for (let i = 0; i < LOADS; i++) {
      const order = stacks.map((_, k) => k);
      if (i % 2) order.reverse();
      for (const k of order) traces[k].push(await coldTrace(browser, stacks[k].baseURL, pids[k]));
    }
    await browser.close();
    console.log(`load average after the loads ${load()}`);
    roots.forEach((root, k) => {
      console.log(`\n${String.fromCharCode(65 + k)}: ${root} (medians, ms)`);
      for (const l of summary(traces[k])) console.log(l);
    });
    if (roots.length === 2) {
      const diffs = traces[0].map((a, i) => traces[1][i].usable - a.usable);
      console.log(
        `\nB - A, same pair (each ms): ${diffs.map((d) => d.toFixed(0)).join(' ')}; median ${median(diffs).toFixed(0)}`,
      );
    }
    roots.forEach((root, k) => {
      const byUsable = [...traces[k]].sort((a, b) => a.usable - b.usable);
      console.log(`\n${String.fromCharCode(65 + k)}: the median load in full`);
      for (const l of timeline(byUsable[(byUsable.length - 1) >> 1])) console.log(l);
    });
  } finally {
    await Promise.all(stacks.map((s) => s.close()));
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
