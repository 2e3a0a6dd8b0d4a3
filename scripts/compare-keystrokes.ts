// Keystroke figures of several checkouts, taken alternately at the same moments (so a busy machine weighs on
// each alike): node --import tsx scripts/compare-keystrokes.ts [--rules 1000] [--rounds 6] ROOT_A ROOT_B ...
// Each root's own admin server and emulator (its built dist/), rule 3's number field, as `npm run bench` types.
import { launchBrowser, openAtRuleScore, typeDigitThenBackspace } from './bench-browser';
import { summarize } from './bench-stats';
import { LARGE_RUBRIC_PROJECT_ID, SCALE_PROJECT_ID } from '../src/server/emulator/seed-scale';
import type { EmbeddedStack } from './bench-stack';

const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const projectId = arg('--rules') === '1000' ? LARGE_RUBRIC_PROJECT_ID : SCALE_PROJECT_ID;
const rounds = Number(arg('--rounds') ?? 6);
const roots = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !all[i - 1]?.startsWith('--'));
if (roots.length === 0) throw new Error('Name at least one checkout.');

const stacks: EmbeddedStack[] = [];
for (const root of roots) {
  const { startEmbeddedStack } = (await import(`${root}/scripts/bench-stack.ts`)) as typeof import('./bench-stack');
  stacks.push(await startEmbeddedStack());
}
const browser = await launchBrowser();
const results = roots.map(() => ({
  paint: [] as number[],
  handling: [] as number[],
  cpu: [] as number[],
  script: [] as number[],
}));
const KEYS = 20;
try {
  for (let round = 0; round < rounds; round++) {
    for (const [i, stack] of stacks.entries()) {
      const { context, page } = await openAtRuleScore(browser, stack.baseURL, projectId);
      // The page's main-thread CPU (ThreadTime) and script time (ScriptDuration) over the keystrokes: CPU time
      // moves far less with the machine's load than the wall-clock figures.
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      const metrics = async () =>
        Object.fromEntries(
          (await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value * 1000]),
        ) as Record<string, number>;
      const before = await metrics();
      await typeDigitThenBackspace(page, KEYS);
      const after = await metrics();
      results[i].cpu.push((after.ThreadTime - before.ThreadTime) / KEYS);
      results[i].script.push((after.ScriptDuration - before.ScriptDuration) / KEYS);
      const got = await page.evaluate(() => ({ paint: window.__bench.keystrokes, handling: window.__bench.handling }));
      results[i].paint.push(...got.paint);
      results[i].handling.push(...got.handling);
      await context.close();
    }
  }
  for (const [i, root] of roots.entries()) {
    const paint = summarize(results[i].paint);
    const handling = summarize(results[i].handling);
    console.log(
      `${root}: keydown to paint p95 ${paint.p95.toFixed(1)} ms, median ${paint.median.toFixed(1)} (n=${paint.n}); ` +
        `input handling median ${handling.median.toFixed(1)} ms, p95 ${handling.p95.toFixed(1)}; ` +
        `per keystroke: main-thread CPU ${summarize(results[i].cpu).median.toFixed(1)} ms, ` +
        `script ${summarize(results[i].script).median.toFixed(1)} ms (medians of ${rounds} rounds)`,
    );
  }
} finally {
  await browser.close();
  await Promise.all(stacks.map((stack) => stack.close()));
}
