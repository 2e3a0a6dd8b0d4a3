// Temporary profiling helper (deleted before hand-off).
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator } from '../src/server/emulator/index.ts';
import { buildAdminServer } from '../src/server/proxy/index.ts';
import { launchBrowser, KEEP_NAMES_SHIM } from './bench-browser.ts';
import { installWatcher, keystrokeProbe } from './bench-page.ts';

const mode = process.argv[2] ?? 'load';
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'prof-'));
const emu = await startEmulator({ dataDir, apiKey: 'prof-key-123456789', scale: true });
const app = await buildAdminServer({ upstreamUrl: emu.url, apiKey: 'prof-key-123456789', mode: 'emulator', timeoutMs: 15000, distDir: process.env.DIST ?? '/tmp/dist-prof', dataDir });
await app.listen({ host: '127.0.0.1', port: 0 });
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
const browser = await launchBrowser();

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] };
function top(profile: { nodes: Node[]; samples: number[]; timeDeltas: number[] }, n = 35) {
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byFn = new Map<string, number>();
  for (const node of profile.nodes) {
    const f = node.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    byFn.set(key, (byFn.get(key) ?? 0) + (self.get(node.id) ?? 0));
  }
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
  const byIdNode = new Map(profile.nodes.map((nd) => [nd.id, nd]));
  const incl = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = byIdNode.get(cur)!.callFrame;
      const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
      if (seen.has(key)) continue;
      seen.add(key);
      incl.set(key, (incl.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
    }
  });
  if (process.env.INCL) for (const [k, v] of [...incl].filter(([k]) => !k.startsWith('(') && !k.includes('index-') ).sort((a, b) => b[1] - a[1]).slice(0, 60)) console.log(`incl ${(v / 1000).toFixed(1).padStart(8)} ms  ${k}`);
  if (process.env.INCL) for (const [k, v] of [...incl].filter(([k]) => k.includes('index-')).sort((a, b) => b[1] - a[1]).slice(0, 80)) console.log(`incl ${(v / 1000).toFixed(1).padStart(8)} ms  ${k}`);
  const total = [...byFn.values()].reduce((a, b) => a + b, 0);
  console.log(`total sampled ${(total / 1000).toFixed(0)} ms`);
  for (const [k, v] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`${(v / 1000).toFixed(1).padStart(8)} ms  ${k}`);
}

try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.on('console', (m) => console.log('console', m.type(), m.text().slice(0, 200)));
  await page.addInitScript(KEEP_NAMES_SHIM);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  if (mode === 'load') {
    await page.addInitScript(installWatcher, ['nameReady'] as never);
    await cdp.send('Profiler.start');
    await page.goto(`${base}/projects/1837/general`);
    await page.waitForFunction(() => window.__bench.marks.nameReady);
    const { profile } = await cdp.send('Profiler.stop');
    console.log('ready', await page.evaluate(() => window.__bench.marks.nameReady));
    top(profile as never);
  } else {
    await page.addInitScript(installWatcher, ['pickersFilled'] as never);
    await page.goto(`${base}/projects/2051/rubric`);
    await page.waitForFunction(() => window.__bench.marks.pickersFilled);
    const score = page.getByRole('group', { name: 'Rule 3', exact: true }).getByLabel('Score');
    await score.click();
    await score.press('End');
    await page.evaluate(keystrokeProbe);
    if (process.env.TRACE) await browser.startTracing(page, { categories: ['devtools.timeline', 'v8.execute', 'blink.user_timing'] });
    else await cdp.send('Profiler.start');
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press(String(i % 10));
      await page.waitForTimeout(100);
      await page.keyboard.press('Backspace');
      await page.waitForTimeout(100);
    }
    const ks = await page.evaluate(() => window.__bench.keystrokes);
    console.log('keystrokes', ks.map((k) => k.toFixed(0)).join(' '));
    if (process.env.TRACE) {
      const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: { name: string; ph: string; dur?: number; tid: number; pid: number; args?: { data?: { type?: string } } }[] };
      const main = trace.traceEvents.find((e) => e.name === 'thread_name' && (e.args as { name?: string } | undefined)?.name === 'CrRendererMain');
      const byName = new Map<string, number>();
      for (const e of trace.traceEvents) {
        if (!main || e.tid !== main.tid || e.pid !== main.pid || e.ph !== 'X' || !e.dur) continue;
        const key = e.name === 'EventDispatch' ? `EventDispatch:${e.args?.data?.type}` : e.name;
        byName.set(key, (byName.get(key) ?? 0) + e.dur);
      }
      for (const [k, v] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${(v / 1000).toFixed(1).padStart(8)} ms  ${k}`);
    } else {
      const { profile } = await cdp.send('Profiler.stop');
      top(profile as never);
    }
  }
} finally {
  await browser.close();
  await app.close();
  await emu.close();
}
