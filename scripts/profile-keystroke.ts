// Where a keystroke's time goes in the rubric builder (the bench's keystrokes in rule 3 of the 300-rule
// project, or of the 1,000-rule one with --rules 1000):
//   node --import tsx scripts/profile-keystroke.ts [--rules 1000]
// A CPU profile summarised as self time per function and per file, and who calls the costliest functions
// (WATCH=fnA,fnB names them); with TRACE=1 first a Chromium trace of the main thread by event (script,
// style, layout, paint). Build with `npx vite build --minify false` first for readable names. Read the
// shares, not the absolute times, unless the machine is quiet (`npm run bench` gives those).
import { launchBrowser, openAtRuleScore } from './bench-browser';
import { keystrokeProbe } from './bench-page';
import { startEmbeddedStack } from './bench-stack';
import { LARGE_RUBRIC_PROJECT_ID, SCALE_PROJECT_ID } from '../src/server/emulator/seed-scale';

const large = process.argv.includes('--rules') && process.argv[process.argv.indexOf('--rules') + 1] === '1000';
const projectId = large ? LARGE_RUBRIC_PROJECT_ID : SCALE_PROJECT_ID;
type Node = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};

const stack = await startEmbeddedStack();
const browser = await launchBrowser();
try {
  const { context, page } = await openAtRuleScore(browser, stack.baseURL, projectId);
  if (process.env.TRACE) {
    // Where the main thread's time goes apart from JavaScript: style, layout, paint, by trace event.
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press(String(i % 10));
      await page.waitForTimeout(80);
      await page.keyboard.press('Backspace');
      await page.waitForTimeout(80);
    }
    const buffer = await browser.stopTracing();
    const { traceEvents } = JSON.parse(buffer.toString()) as {
      traceEvents: {
        name: string;
        ph: string;
        dur?: number;
        tid: number;
        pid: number;
        args?: { data?: { type?: string } };
      }[];
    };
    const mainTid = traceEvents.find(
      (e) => e.name === 'thread_name' && (e.args as { name?: string })?.name === 'CrRendererMain',
    )?.tid;
    const sums = new Map<string, number>();
    for (const e of traceEvents) {
      if (e.ph !== 'X' || e.tid !== mainTid || !e.dur) continue;
      const name = e.name === 'EventDispatch' ? `EventDispatch ${e.args?.data?.type}` : e.name;
      sums.set(name, (sums.get(name) ?? 0) + e.dur / 1000);
    }
    console.log('main thread, trace events (inclusive ms per keystroke):');
    for (const [name, ms] of [...sums].sort((a, b) => b[1] - a[1]).slice(0, 30))
      console.log(`  ${(ms / 40).toFixed(2).padStart(7)} ms  ${name}`);
    await page.evaluate(keystrokeProbe);
  }
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press(String(i % 10));
    await page.waitForTimeout(80);
    await page.keyboard.press('Backspace');
    await page.waitForTimeout(80);
  }
  const { profile } = (await cdp.send('Profiler.stop')) as {
    profile: { nodes: Node[]; samples: number[]; timeDeltas: number[] };
  };
  const handling = await page.evaluate(() => window.__bench.handling);
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const byFn = new Map<string, number>();
  const byFile = new Map<string, number>();
  for (const node of profile.nodes) {
    const ms = selfMs.get(node.id) ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    if (['(idle)', '(program)', '(garbage collector)'].includes(functionName)) {
      byFn.set(functionName, (byFn.get(functionName) ?? 0) + ms);
      continue;
    }
    const file = url.split('/').pop() || '(native)';
    const fn = `${functionName || '(anonymous)'} ${file}:${lineNumber}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + ms);
    byFile.set(file, (byFile.get(file) ?? 0) + ms);
  }
  const keys = 40;
  const sorted = handling.toSorted((a, b) => a - b);
  console.log(
    `input handling per keystroke: median ${sorted[Math.floor(sorted.length / 2)]?.toFixed(1)} ms (n=${sorted.length})`,
  );
  console.log('self time per keystroke, by function:');
  for (const [fn, ms] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, 45))
    console.log(`  ${(ms / keys).toFixed(2).padStart(7)} ms  ${fn}`);
  console.log('by file:');
  for (const [file, ms] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 15))
    console.log(`  ${(ms / keys).toFixed(2).padStart(7)} ms  ${file}`);
  // Who calls the costliest functions: self time of each named function, by its callers' chain (4 up).
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const nodeById = new Map(profile.nodes.map((n) => [n.id, n]));
  const watched = (process.env.WATCH ?? 'cloneObject,sortKeys,getTrueOffsetParent,deepEqual').split(',');
  for (const name of watched) {
    const chains = new Map<string, number>();
    for (const node of profile.nodes) {
      if (node.callFrame.functionName !== name) continue;
      const chain: string[] = [];
      let at = parent.get(node.id);
      while (at !== undefined && chain.length < 6) {
        const frame = nodeById.get(at)!.callFrame;
        if (frame.functionName !== name) chain.push(frame.functionName || '(anon)');
        at = parent.get(at);
      }
      const key = chain.join(' < ');
      chains.set(key, (chains.get(key) ?? 0) + (selfMs.get(node.id) ?? 0));
    }
    console.log(`${name} called from:`);
    for (const [chain, ms] of [...chains].sort((a, b) => b[1] - a[1]).slice(0, 4))
      console.log(`  ${(ms / keys).toFixed(2).padStart(7)} ms  ${chain}`);
  }
  // Where the JavaScript ran: under the input event (before the paint), in React's scheduler (deferred renders,
  // passive effects), in timers; and which React components' own bodies (hooks, memos) cost most.
  const phases = new Map<string, number>();
  const components = new Map<string, number>();
  const PHASES = ['dispatchDiscreteEvent', 'performWorkUntilDeadline', 'trigger'];
  for (const node of profile.nodes) {
    const ms = selfMs.get(node.id) ?? 0;
    if (!ms || ['(idle)', '(program)', '(garbage collector)'].includes(node.callFrame.functionName)) continue;
    let phase = '(other)';
    const seen = new Set<string>();
    for (let at: number | undefined = node.id; at !== undefined; at = parent.get(at)) {
      const name = nodeById.get(at)!.callFrame.functionName;
      if (/^[A-Z][A-Za-z]+$/.test(name) && !seen.has(name)) {
        seen.add(name);
        components.set(name, (components.get(name) ?? 0) + ms);
      }
      if (PHASES.includes(name)) phase = name;
    }
    phases.set(phase, (phases.get(phase) ?? 0) + ms);
  }
  // INCLUSIVE=fnA,fnB: time spent inside each named function, its callees included (counted once per sample).
  for (const name of (process.env.INCLUSIVE ?? '').split(',').filter(Boolean)) {
    let ms = 0;
    for (const node of profile.nodes) {
      const own = selfMs.get(node.id) ?? 0;
      if (!own) continue;
      for (let at: number | undefined = node.id; at !== undefined; at = parent.get(at))
        if (nodeById.get(at)!.callFrame.functionName === name) {
          ms += own;
          break;
        }
    }
    console.log(`inclusive ${name}: ${(ms / keys).toFixed(2)} ms per keystroke`);
  }
  console.log('JavaScript self time per keystroke, by outermost phase:');
  for (const [phase, ms] of [...phases].sort((a, b) => b[1] - a[1]))
    console.log(`  ${(ms / keys).toFixed(2).padStart(7)} ms  ${phase}`);
  console.log('by component (inclusive of its own body and hooks, not its children):');
  for (const [name, ms] of [...components].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`  ${(ms / keys).toFixed(2).padStart(7)} ms  ${name}`);
  await context.close();
} finally {
  await browser.close();
  await stack.close();
}
