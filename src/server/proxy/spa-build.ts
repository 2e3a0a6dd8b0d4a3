// `npm start` builds the SPA when dist/ is missing or older than its sources. Several servers may start at
// once (e2e workers), so the build runs under a lock directory and each waiter re-checks freshness after it.
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

const SOURCES = ['src/web', 'src/shared', 'index.html', 'public', 'vite.config.ts'];
const LOCK_STALE_MS = 5 * 60_000;

export type BuildOutcome = 'fresh' | 'built' | 'no-app' | 'failed';

function mtimeOf(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** Newest modification time under the given files/folders (test files excluded: they are not in the bundle). */
export function newestMtime(root: string, entries: readonly string[] = SOURCES): number {
  let newest = 0;
  const visit = (file: string) => {
    let stat;
    try {
      stat = statSync(file);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const name of readdirSync(file)) visit(path.join(file, name));
    } else if (!/\.test\.tsx?$/.test(file)) {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const entry of entries) visit(path.join(root, entry));
  return newest;
}

export function isBuildFresh(root: string): boolean {
  const built = mtimeOf(path.join(root, 'dist', 'index.html'));
  return built > 0 && built >= newestMtime(root);
}

async function withLock<T>(lockDir: string, task: () => Promise<T>): Promise<T> {
  mkdirSync(path.dirname(lockDir), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock left by a crashed build must not block every later start.
      if (Date.now() - mtimeOf(lockDir) > LOCK_STALE_MS) rmSync(lockDir, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
  try {
    return await task();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/** Builds dist/ with Vite when it is stale. Never throws: a failed build leaves whatever dist/ there was. */
export async function ensureSpaBuilt(root: string, log: (line: string) => void = console.log): Promise<BuildOutcome> {
  if (mtimeOf(path.join(root, 'index.html')) === 0) return 'no-app';
  if (isBuildFresh(root)) return 'fresh';
  const lockDir = path.join(root, 'node_modules', '.cache', 'cekura-console-build.lock');
  return withLock(lockDir, async () => {
    if (isBuildFresh(root)) return 'fresh';
    log('Building the web app (dist/ is missing or older than its sources)...');
    try {
      const { build } = await import('vite');
      await build({ root, configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
      return 'built';
    } catch (error) {
      log(`Web app build failed: ${(error as Error).message}`);
      return 'failed';
    }
  });
}
