// DATA_DIR problems stop `npm start` (spawned for real) with one line naming DATA_DIR, the path and the reason.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDataDir } from './data-dir';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'cekura-data-dir-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** `npm start` with this DATA_DIR: its exit code and output, once it exits (it must, by itself). */
function start(dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' };
  delete env.CEKURA_API_KEY;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { cwd: ROOT, env });
  let [stdout, stderr] = ['', ''];
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

// As root, permissions do not stop a write: sysfs does.
const unwritable = () => {
  if (process.getuid?.() === 0) return '/sys/kernel';
  const dir = path.join(tmp, 'read-only');
  rmSync(dir, { recursive: true, force: true });
  mkdtempSync(dir);
  chmodSync(dir, 0o555);
  return dir;
};

describe('DATA_DIR problems', () => {
  it('stop the start with one line naming DATA_DIR, the path and the reason', async () => {
    const file = path.join(tmp, 'a-file');
    writeFileSync(file, 'x');
    const readOnly = unwritable();
    const cases: [string, RegExp][] = [
      [path.join(file, 'sub'), /cannot be created \(ENOTDIR: not a directory\)$/],
      [file, /is not a directory$/],
      [readOnly, /is not writable \(EACCES: permission denied\)$/],
      ['/proc/1/x', /did not answer within 4 s \(the file system hangs\)$/],
    ];
    const runs = [];
    for (const [dir] of cases) runs.push(await start(dir));
    runs.forEach((run, i) => {
      const [dir, reason] = cases[i];
      expect(run.code, dir).toBe(1);
      const lines = run.stderr.trim().split('\n');
      expect(lines, dir).toHaveLength(1);
      expect(lines[0].startsWith(`DATA_DIR=${dir} `), lines[0]).toBe(true);
      expect(lines[0]).toMatch(reason);
      expect(run.stdout).not.toContain('Console:');
    });
  }, 120_000);

  it('accept a directory that is missing but can be created', async () => {
    const dir = path.join(tmp, 'new', 'data');
    expect(await checkDataDir(dir)).toBeUndefined();
    expect(await checkDataDir(tmp)).toBeUndefined();
  });
});
