// Which React components render per keystroke in the rubric builder (the bench's keystrokes in rule 3 of the
// 300-rule project, or of the 1,000-rule one with --rules 1000):
//   npx vite build --minify false && node --import tsx scripts/count-renders.ts [--rules 1000]
// Reads each commit's fiber tree through the hook React offers developer tools (production builds call it too):
// a fiber flagged PerformedWork rendered in that commit (subtrees the commit did not visit keep their
// children, and are skipped). Prints renders per keystroke by component name.
import { execSync } from 'node:child_process';
import { launchBrowser, openAtRuleScore, typeDigitThenBackspace } from './bench-browser';
import { startEmbeddedStack } from './bench-stack';
import { LARGE_RUBRIC_PROJECT_ID, SCALE_PROJECT_ID } from '../src/server/emulator/seed-scale';

const large = process.argv.includes('--rules') && process.argv[process.argv.indexOf('--rules') + 1] === '1000';
const KEYSTROKES = 20;
// The console's own components (function declarations in src/web), read from the source.
const APP_COMPONENTS = [
  ...new Set(
    execSync("grep -rhoE 'function [A-Z][A-Za-z0-9]+' src/web --include=*.tsx", { encoding: 'utf8' })
      .split('\n')
      .map((line) => line.replace('function ', '').trim())
      .filter(Boolean),
  ),
];

function installRenderCounter(appComponents: string[]) {
  type Fiber = {
    type: unknown;
    flags: number;
    child: Fiber | null;
    sibling: Fiber | null;
    alternate: Fiber | null;
  };
  const counts: Record<string, number> = {};
  // Every rendered fiber also counts for the nearest app component above it (or itself): who causes the work.
  const byApp: Record<string, number> = {};
  const app = new Set(appComponents);
  const log: string[] = [];
  let commits = 0;
  const nameOf = (type: unknown): string | null => {
    if (typeof type === 'function')
      return (type as { displayName?: string; name?: string }).displayName || type.name || null;
    if (type && typeof type === 'object') {
      const inner = type as { type?: unknown; render?: unknown; displayName?: string };
      if (inner.displayName) return inner.displayName;
      return nameOf(inner.type ?? inner.render);
    }
    return null;
  };
  const walk = (fiber: Fiber | null, owner: string) => {
    for (let at = fiber; at; at = at.sibling) {
      const name = nameOf(at.type);
      const here = name && app.has(name) ? name : owner;
      if (name && at.flags & 1) {
        counts[name] = (counts[name] ?? 0) + 1;
        byApp[here] = (byApp[here] ?? 0) + 1;
      }
      // A subtree this commit did not visit keeps its old child list (and its old flags): skip it.
      if (!at.alternate || at.child !== at.alternate.child) walk(at.child, here);
    }
  };
  (window as unknown as Record<string, unknown>).__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    renderers: new Map(),
    inject: () => 1,
    onCommitFiberRoot: (_id: number, root: { current: Fiber }) => {
      if (!(window as unknown as { __countRenders?: boolean }).__countRenders) return;
      commits++;
      const before = { ...byApp };
      walk(root.current, '(root)');
      // The first commits' own components, to tell what each commit is for.
      if (log.length < 12)
        log.push(
          Object.entries(byApp)
            .filter(([name, n]) => n !== (before[name] ?? 0))
            .map(([name, n]) => `${name} ${n - (before[name] ?? 0)}`)
            .join(', '),
        );
    },
    onCommitFiberUnmount: () => {},
    onPostCommitFiberRoot: () => {},
    checkDCE: () => {},
  };
  (window as unknown as Record<string, unknown>).__renderCounts = () => ({ counts, byApp, commits, log });
}

const stack = await startEmbeddedStack();
const browser = await launchBrowser();
try {
  const { context, page } = await openAtRuleScore(
    browser,
    stack.baseURL,
    large ? LARGE_RUBRIC_PROJECT_ID : SCALE_PROJECT_ID,
    (page) => page.addInitScript(installRenderCounter, APP_COMPONENTS),
  );
  await page.evaluate(() => ((window as unknown as { __countRenders: boolean }).__countRenders = true));
  await typeDigitThenBackspace(page, KEYSTROKES);
  const { counts, byApp, commits, log } = await page.evaluate(() =>
    (
      window as unknown as {
        __renderCounts(): {
          counts: Record<string, number>;
          byApp: Record<string, number>;
          commits: number;
          log: string[];
        };
      }
    ).__renderCounts(),
  );
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(
    `per keystroke: ${(commits / KEYSTROKES).toFixed(1)} commits, ${(total / KEYSTROKES).toFixed(1)} components rendered`,
  );
  for (const [name, n] of Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 60))
    console.log(`  ${(n / KEYSTROKES).toFixed(1).padStart(6)}  ${name}`);
  console.log('by the nearest console component above (or itself):');
  for (const [name, n] of Object.entries(byApp)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 30))
    console.log(`  ${(n / KEYSTROKES).toFixed(1).padStart(6)}  ${name}`);
  console.log('the first commits (components rendered under each console component):');
  for (const line of log) console.log(`  - ${line}`);
  await context.close();
} finally {
  await browser.close();
  await stack.close();
}
