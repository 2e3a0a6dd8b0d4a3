// `npm run bench`: prints performance figures next to their targets (medians of repeated runs with their
// spread). It asserts nothing: on a shared or busy machine the figures move, so read them with the load
// average printed at the top. Starts its own servers on free ports with temporary data, and stops them.
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { benchBrowser, benchFirstScreen } from './bench-browser';
import { benchCompression } from './bench-compress';
import { benchServer } from './bench-http';
import { benchImpactNode } from './bench-impact';
import { benchProjectSearch } from './bench-project-search';
import { ROOT, startEmbeddedStack, startSplitStack } from './bench-stack';

const load = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

function section(title: string, lines: string[]): void {
  console.log(`\n${title}`);
  for (const text of lines) console.log(text);
}

// `npm run bench -- --only server` (or browser, first-screen, impact, compress; comma-separated) runs only those
// parts; first-screen is the cold loads of the browser part alone; server includes compress.
const onlyArg = process.argv.find((a) => a.startsWith('--only'));
const only = onlyArg
  ? new Set(
      (onlyArg.includes('=') ? onlyArg.split('=')[1] : process.argv[process.argv.indexOf(onlyArg) + 1]).split(','),
    )
  : undefined;
const wanted = (part: string) => !only || only.has(part);

async function main(): Promise<void> {
  const started = Date.now();
  console.log(`Cekura console benchmark, ${new Date().toISOString()}`);
  console.log(
    `Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim() ?? 'unknown'}), load average ${load()}`,
  );

  if (wanted('browser'))
    section('Project picker search at 500 projects (Node, the module the browser runs)', benchProjectSearch(500));
  if (wanted('browser') || wanted('first-screen') || wanted('impact')) await benchApp();
  if (wanted('server') || wanted('compress')) await benchSplit();
  console.log(`\nDone in ${((Date.now() - started) / 1000).toFixed(0)} s; load average now ${load()}.`);
}

async function benchApp(): Promise<void> {
  const app = await startEmbeddedStack(); // builds dist/ first when it is older than the sources
  try {
    const sizes = execFileSync(process.execPath, ['scripts/bundle-size.mjs'], { cwd: ROOT, encoding: 'utf8' });
    section(
      'Bundle (gzip level 9; target: first load <= 200 KB)',
      sizes
        .trimEnd()
        .split('\n')
        .map((l) => `  ${l}`),
    );
    if (wanted('browser')) section('Browser (headless Chromium, 1280x800, medians)', await benchBrowser(app.baseURL));
    else if (wanted('first-screen'))
      section('First screen (headless Chromium, 1280x800, medians)', await benchFirstScreen(app.baseURL));
    if (wanted('impact'))
      section('Impact computation in Node (same module as the browser)', await benchImpactNode(app));
  } finally {
    await app.close();
  }
}

async function benchSplit(): Promise<void> {
  const split = await startSplitStack();
  try {
    if (wanted('server'))
      section(
        'Admin server cost (emulator in its own process; admin server in live mode in front of it)',
        await benchServer(split),
      );
    section(
      'Compressing a JSON answer (CPU ms per answer, this process; size and share of the JSON)',
      await benchCompression(split.emulatorURL, split.apiKey),
    );
  } finally {
    await split.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
