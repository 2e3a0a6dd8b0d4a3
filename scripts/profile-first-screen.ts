// Where a cold load's main-thread JavaScript goes, by original source file and by function:
//
//   npx vite build --sourcemap && node --import tsx scripts/profile-first-screen.ts [--loads N] [--path P]
//
// A V8 CPU profile of each cold load (fresh context) from the navigation to the usable mark, its samples
// mapped back through the build's source maps (a build without them is summarised by bundle file), summed
// over the loads. Read the shares, not the absolute times, unless the machine is quiet. Hold the bench lock.
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { KEEP_NAMES_SHIM, launchBrowser } from './bench-browser';
import { installWatcher, type Mark } from './bench-page';
import { ROOT, startEmbeddedStack } from './bench-stack';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(name);
  return at === -1 ? fallback : args[at + 1];
};
const LOADS = Number(option('--loads', '6'));
const PAGE = option('--path', '/projects/1837/general');
const MARK: Mark = PAGE.endsWith('/rubric') ? 'rulesShown' : 'nameReady';

type Node = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
};
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

const maps = new Map<string, TraceMap | null>();
function mapOf(url: string): TraceMap | null {
  if (!maps.has(url)) {
    const file = path.join(ROOT, 'dist', new URL(url).pathname);
    maps.set(url, existsSync(`${file}.map`) ? new TraceMap(readFileSync(`${file}.map`, 'utf8')) : null);
  }
  return maps.get(url) ?? null;
}

/** The original file (a package's name for node_modules) and function name of a profile node. */
function whereOf(node: Node): { file: string; fn: string } {
  const { url, lineNumber, columnNumber, functionName } = node.callFrame;
  if (!url) return { file: functionName || '(program)', fn: functionName || '(program)' };
  const map = url.startsWith('http') ? mapOf(url) : null;
  if (!map) return { file: url.replace(/^https?:\/\/[^/]+/, ''), fn: functionName || '(anonymous)' };
  const pos = originalPositionFor(map, { line: lineNumber + 1, column: columnNumber });
  const source = pos.source ?? '?';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(source);
  const file = pkg
    ? `${pkg[1]}: ${pkg[2].replace(/^(node\/|esm\/|dist\/|cjs\/)/, '')}`
    : source.replace(/^.*\/src\//, 'src/');
  return { file, fn: `${functionName || pos.name || '(anonymous)'} (${file}:${pos.line ?? '?'})` };
}

type TraceEvent = { name: string; ph: string; ts: number; dur?: number; tid: number; args?: { name?: string } };

/** TRACE=1: the main thread's trace events (inclusive, top level and nested) of one more cold load. */
async function traceOne(browser: Browser, baseURL: string): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.addInitScript(KEEP_NAMES_SHIM);
  await page.addInitScript(installWatcher, [MARK]);
  await browser.startTracing(page, {
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink', 'loading'],
  });
  await page.goto(`${baseURL}${PAGE}`);
  await page.waitForFunction((mark) => window.__bench?.marks[mark] !== undefined, MARK, { timeout: 60_000 });
  const usable = await page.evaluate((mark) => window.__bench.marks[mark] as number, MARK);
  const { traceEvents } = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
  await context.close();
  // The page's renderer main thread: of the threads so named, the busiest.
  const mains = new Set(
    traceEvents.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => e.tid),
  );
  const busy = new Map<number, number>();
  for (const e of traceEvents)
    if (mains.has(e.tid) && e.name === 'RunTask') busy.set(e.tid, (busy.get(e.tid) ?? 0) + (e.dur ?? 0));
  const mainTid = [...busy].sort((a, b) => b[1] - a[1])[0]?.[0];
  const main = traceEvents.filter((e) => e.tid === mainTid && e.ph === 'X' && e.dur);
  const sums = new Map<string, number>();
  for (const e of main) sums.set(e.name, (sums.get(e.name) ?? 0) + e.dur! / 1000);
  console.log(`\ntrace of one load (usable at ${usable.toFixed(0)} ms), main thread events, inclusive ms:`);
  for (const [name, ms] of [...sums].sort((a, b) => b[1] - a[1]).slice(0, 40))
    console.log(`  ${ms.toFixed(1).padStart(7)} ms  ${name}`);
  const t0 = Math.min(...main.map((e) => e.ts));
  if (process.env.TRACE === 'all') {
    const names = new Map(traceEvents.filter((e) => e.name === 'thread_name').map((e) => [e.tid, e.args?.name]));
    console.log('\nevents over 4 ms on other threads (start ms, thread, name, duration):');
    for (const e of traceEvents.filter((e) => e.ph === 'X' && e.tid !== mainTid && (e.dur ?? 0) > 4000))
      console.log(
        `  ${((e.ts - t0) / 1000).toFixed(0).padStart(6)} ${names.get(e.tid)} ${e.name} ${(e.dur! / 1000).toFixed(0)}`,
      );
  }
  console.log('\ntop-level tasks over 5 ms (start ms from the first event, duration):');
  for (const e of main.filter((e) => e.name === 'RunTask' && e.dur! > 5000)) {
    const inner = main
      .filter((c) => c !== e && c.ts >= e.ts && c.ts + c.dur! <= e.ts + e.dur! && c.dur! > 3000)
      .map((c) => `${c.name} ${(c.dur! / 1000).toFixed(0)}`)
      .slice(0, 12);
    console.log(`  ${((e.ts - t0) / 1000).toFixed(0).padStart(6)} +${(e.dur! / 1000).toFixed(0)}: ${inner.join(', ')}`);
  }
}

const stack = await startEmbeddedStack();
const browser = await launchBrowser();
const byFile = new Map<string, number>();
const byFn = new Map<string, number>();
const byPkg = new Map<string, number>();
const byTask = new Map<string, number>();
const byEvalFile = new Map<string, number>();
const byEvalFn = new Map<string, number>();
const byEvalPkg = new Map<string, number>();
const byOwner = new Map<string, number>();
const byFileInclusive = new Map<string, number>();
let total = 0;
try {
  for (let i = 0; i <= LOADS; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.addInitScript(KEEP_NAMES_SHIM);
    await page.addInitScript(installWatcher, [MARK]);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    await page.goto(`${stack.baseURL}${PAGE}`);
    await page.waitForFunction((mark) => window.__bench?.marks[mark] !== undefined, MARK, { timeout: 60_000 });
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
    await context.close();
    if (i === 0) {
      if (process.env.TRACE) await traceOne(browser, stack.baseURL);
      continue; // the first load warms the servers
    }
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    // Each sample's task: the outermost JavaScript frame under (root), e.g. a module's top level or the
    // scheduler's message handler.
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const taskOf = (id: number): string => {
      let at = id;
      while (parent.has(at) && parent.get(at) !== profile.nodes[0].id) at = parent.get(at)!;
      const n = nodes.get(at)!;
      return n.callFrame.url
        ? `${n.callFrame.url.replace(/^https?:\/\/[^/]+/, '')}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber} ${n.callFrame.functionName}`
        : n.callFrame.functionName;
    };
    profile.samples.forEach((id, k) => {
      const node = nodes.get(id);
      const dt = (profile.timeDeltas[k + 1] ?? 0) / 1000;
      if (!node || node.callFrame.functionName === '(idle)') return;
      total += dt;
      const { file, fn } = whereOf(node);
      const task = taskOf(id);
      // Inclusive time per file: each file once per sample, wherever it is on the stack (render task only).
      if (!/:0:0 $/.test(task)) {
        const files = new Set<string>();
        for (let at: number | undefined = id; at !== undefined; at = parent.get(at))
          files.add(whereOf(nodes.get(at)!).file);
        for (const f of files) byFileInclusive.set(f, (byFileInclusive.get(f) ?? 0) + dt);
      }
      // The innermost app function (src/) on the stack: whose work this sample is, library calls included.
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const owner = whereOf(nodes.get(at)!);
        if (owner.file.startsWith('src/')) {
          byOwner.set(owner.fn, (byOwner.get(owner.fn) ?? 0) + dt);
          break;
        }
      }
      byTask.set(task, (byTask.get(task) ?? 0) + dt);
      if (/:0:0 $/.test(task)) {
        byEvalFile.set(file, (byEvalFile.get(file) ?? 0) + dt);
        byEvalFn.set(fn, (byEvalFn.get(fn) ?? 0) + dt);
        const evalPkg = file.split(':')[0].replace(/^src\/(web|shared)\/([^/]+).*$/, 'src/$1/$2');
        byEvalPkg.set(evalPkg, (byEvalPkg.get(evalPkg) ?? 0) + dt);
      }
      byFile.set(file, (byFile.get(file) ?? 0) + dt);
      byFn.set(fn, (byFn.get(fn) ?? 0) + dt);
      const pkg = file.split(':')[0].replace(/^src\/(web|shared)\/([^/]+).*$/, 'src/$1/$2');
      byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + dt);
    });
  }
} finally {
  await browser.close();
  await stack.close();
}
const print = (title: string, m: Map<string, number>, n: number) => {
  console.log(`\n${title}`);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, n))
    console.log(`  ${(v / LOADS).toFixed(1).padStart(7)} ms  ${k}`);
};
console.log(`${PAGE}: ${LOADS} cold loads, self time (not idle) per load ${(total / LOADS).toFixed(0)} ms`);
print('by task (outermost frame)', byTask, 12);
print('module evaluation (top level of a script), by file', byEvalFile, 40);
print('module evaluation, by package / app folder', byEvalPkg, 20);
print('module evaluation, by function', byEvalFn, 30);
print('by innermost app function on the stack (library work it called included)', byOwner, 40);
print('after module evaluation (render, effects), inclusive time by file', byFileInclusive, 70);
print('by package / app folder', byPkg, 25);
print('by file', byFile, 40);
print('by function', byFn, 50);
