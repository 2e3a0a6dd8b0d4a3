// The history store over real SQLite files: rows written by older versions, a damaged file at start, and a
// write that fails while the server runs.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, rmSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { historyPageSchema } from '../../shared/schemas/history';
import { DEMO_PROJECT_ID } from '../emulator/seed';
import { api, startAdmin, startTestEmulator, type Emulator } from '../proxy/test-support';
import { openSqliteStore } from '../store/sqlite';
import { adminDatabasePath, checkAdminDatabase, DamagedStoreError } from './store';

const P = DEMO_PROJECT_ID;
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'history-integrity-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu?.close();
});

/** A history file as the first version wrote it (no kind column), with odd rows in it. */
function writeLegacyFile(dir: string): void {
  const db = new Database(adminDatabasePath(dir));
  db.exec(`CREATE TABLE save_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT, time TEXT NOT NULL, user TEXT NOT NULL,
    project_id INTEGER NOT NULL, changes TEXT NOT NULL);`);
  const insert = db.prepare('INSERT INTO save_history (time, user, project_id, changes) VALUES (?, ?, ?, ?)');
  const rows: unknown[] = [
    [{ field: 'name', before: 'Old', after: 'New' }],
    // What the constructor bug wrote: no before or after at all.
    [{ field: 'constructor' }],
    [{ field: 'brand_new_flag', before: false, after: true }],
    [{ secret: 'replaced' }, 42, null],
    { not: 'a list' },
  ];
  for (const changes of rows) insert.run('2025-01-02T03:04:05.000Z', 'local', P, JSON.stringify(changes));
  insert.run('not a time', 'local', P, '{not json');
  db.close();
}

describe('rows written by older versions', () => {
  it('are migrated once (kind "save") and every row comes back in the shape the console reads', async () => {
    const dir = tempDir();
    writeLegacyFile(dir);
    await openSqliteStore(dir).close();
    const store = openSqliteStore(dir); // a second open: the migration is not run twice
    const page = await store.list(P, 1, 100);
    await store.close();
    expect(page.count).toBe(6);
    expect(historyPageSchema.safeParse(page).success).toBe(true);
    expect(page.results.every((row) => row.kind === 'save')).toBe(true);
    const fields = page.results.flatMap((row) => row.changes.map((change) => change.field));
    expect(fields).toEqual(expect.arrayContaining(['name', 'constructor', 'brand_new_flag', '(unreadable)']));
    expect(page.results.find((row) => row.changes[0]?.field === 'constructor')?.changes).toEqual([
      { field: 'constructor', before: null, after: null },
    ]);
  });

  it('are answered by the history API in a shape the console accepts', async () => {
    const dir = tempDir();
    writeLegacyFile(dir);
    const admin = await startAdmin(emu.url, { dataDir: dir });
    try {
      const res = await api(admin.url, `/app-api/projects/${P}/history?page_size=100`);
      expect(res.status).toBe(200);
      const parsed = historyPageSchema.safeParse(res.json());
      expect(parsed.success).toBe(true);
      expect(parsed.data?.results).toHaveLength(6);
    } finally {
      await admin.close();
    }
  });
});

/** Overwrites the first page of the history's index with garbage, as a failing disk might. */
async function damageIndex(dir: string): Promise<void> {
  const store = openSqliteStore(dir);
  for (let i = 0; i < 500; i++)
    await store.recordHistory({
      user: 'local',
      projectId: (i % 7) + 1,
      changes: [{ field: 'name', before: `n${i}`, after: `x${i}` }],
    });
  await store.close();
  const db = new Database(adminDatabasePath(dir));
  const { rootpage } = db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'save_history_project'").get() as {
    rootpage: number;
  };
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const fd = openSync(adminDatabasePath(dir), 'r+');
  writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (rootpage - 1) * pageSize);
  closeSync(fd);
}

describe('a damaged history file at start', () => {
  it('is found by quick_check: one message naming the file and what to do', async () => {
    const dir = tempDir();
    await damageIndex(dir);
    expect(() => checkAdminDatabase(dir)).toThrow(DamagedStoreError);
    expect(() => checkAdminDatabase(dir)).toThrow(adminDatabasePath(dir));
    expect(() => checkAdminDatabase(dir)).toThrow(/move the file aside to start a new history/);
    await expect(startAdmin(emu.url, { dataDir: dir })).rejects.toThrow(DamagedStoreError);
  });

  it('stops `npm start` with that message and exit code 1, no stack trace', async () => {
    const dir = tempDir();
    await damageIndex(dir);
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env: { ...process.env, DATA_DIR: dir, PORT: '0', CEKURA_API_KEY: '', EMULATOR_PORT: '' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`The history store ${adminDatabasePath(dir)} is damaged`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('an intact file passes', async () => {
    const dir = tempDir();
    await openSqliteStore(dir).close();
    expect(() => checkAdminDatabase(dir)).not.toThrow();
  });
});

describe('a history write that fails while the server runs', () => {
  it('keeps the save, says so in X-History-Recorded: false, and /app-api/health answers 503 naming the store', async () => {
    const dir = tempDir();
    const admin = await startAdmin(emu.url, { dataDir: dir });
    try {
      expect((await api(admin.url, '/app-api/health')).status).toBe(200);
      // Another process breaks the store under the running server.
      const other = new Database(adminDatabasePath(dir));
      other.exec('DROP TABLE save_history');
      other.close();
      const load = await api(admin.url, `/api/user/v1/projects/${P}/`);
      const res = await api(admin.url, `/api/user/v1/projects/${P}/`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'if-match': load.headers.get('etag') as string },
        body: JSON.stringify({ name: 'Saved without history' }),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-history-recorded')).toBe('false');
      expect(res.json().name).toBe('Saved without history');
      const health = await api(admin.url, '/app-api/health');
      expect(health.status).toBe(503);
      expect(health.json().detail).toContain(`The history store (${adminDatabasePath(dir)}) failed to record`);
    } finally {
      await admin.close();
    }
  });
});
