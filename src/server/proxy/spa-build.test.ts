import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureSpaBuilt, isBuildFresh, newestMtime } from './spa-build';

let root = '';
afterEach(() => rmSync(root, { recursive: true, force: true }));

function tree(files: Record<string, number>) {
  root = mkdtempSync(path.join(os.tmpdir(), 'cekura-build-'));
  for (const [file, seconds] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), 'x');
    utimesSync(path.join(root, file), seconds, seconds);
  }
}

describe('build freshness', () => {
  it('is fresh when dist/index.html is newer than every source, ignoring tests', () => {
    tree({
      'index.html': 100,
      'src/web/a/b.tsx': 200,
      'src/web/a/b.test.tsx': 900,
      'src/shared/x.ts': 150,
      'dist/index.html': 300,
    });
    expect(newestMtime(root)).toBe(200_000);
    expect(isBuildFresh(root)).toBe(true);
  });

  it('is stale when a source is newer or dist is missing', () => {
    tree({ 'index.html': 100, 'src/shared/x.ts': 400, 'dist/index.html': 300 });
    expect(isBuildFresh(root)).toBe(false);
    rmSync(path.join(root, 'dist'), { recursive: true });
    expect(isBuildFresh(root)).toBe(false);
  });

  it('skips the build when the app has no index.html yet', async () => {
    tree({ 'src/web/main.tsx': 100 });
    expect(await ensureSpaBuilt(root, () => {})).toBe('no-app');
  });

  it('does nothing when dist is fresh', async () => {
    tree({ 'index.html': 100, 'dist/index.html': 300 });
    expect(await ensureSpaBuilt(root, () => {})).toBe('fresh');
  });
});
