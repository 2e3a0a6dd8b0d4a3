import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  HISTORY_KINDS,
  isSecretChange,
  normaliseChanges,
  type HistoryChange,
  type HistoryEntry,
  type HistoryKind,
  type HistoryPage,
} from '../../shared/schemas/history';

// Every change of a project's settings the console knows of, in SQLite next to the emulator's data: who, when,
// which project, what changed, and what kind of row it is (a save, a save whose answer was lost, a change made
// outside the console, a revert).

export type { HistoryEntry, HistoryPage };

export interface HistoryStore {
  record(entry: Omit<HistoryEntry, 'id' | 'time' | 'kind'> & { time?: string; kind?: HistoryKind }): HistoryEntry;
  list(projectId: number, page?: number, pageSize?: number): HistoryPage;
  /** Each field's value after the last row that recorded it (secrets are never recorded, so never here). */
  lastAfter(projectId: number): Map<string, unknown>;
  close(): void;
}

/** The admin database failed its integrity check: the server must not start on it. */
export class DamagedStoreError extends Error {}

export const adminDatabasePath = (dataDir: string) => join(dataDir, 'admin.sqlite');

/**
 * PRAGMA quick_check on DATA_DIR/admin.sqlite (history, users, sessions), before anything opens it for writing.
 * A damaged file would otherwise go unnoticed until a save fails to be recorded.
 */
export function checkAdminDatabase(dataDir: string): void {
  const file = adminDatabasePath(dataDir);
  if (!existsSync(file)) return;
  let problems: string[];
  try {
    const db = new Database(file, { fileMustExist: true });
    try {
      problems = (db.pragma('quick_check') as { quick_check: string }[]).map((row) => row.quick_check);
    } finally {
      db.close();
    }
  } catch (error) {
    problems = [(error as Error).message];
  }
  if (problems.length === 1 && problems[0] === 'ok') return;
  throw new DamagedStoreError(
    `The history store ${file} is damaged (SQLite quick_check: ${problems.slice(0, 3).join('; ')}).\n` +
      `Stop the console, move the file aside to start a new history (also ${file}-wal and ${file}-shm if present),` +
      ' then start again. Users and sessions are kept in the same file: add users again with `npm run user:add`.',
  );
}

type Row = { id: number; time: string; user: string; project_id: number; kind: string; changes: string };

/** A stored row as the API answers it, whatever older version wrote it. */
function toEntry(row: Row): HistoryEntry {
  let stored: unknown;
  try {
    stored = JSON.parse(row.changes);
  } catch {
    stored = row.changes;
  }
  return {
    id: row.id,
    time: typeof row.time === 'string' ? row.time : String(row.time),
    user: typeof row.user === 'string' ? row.user : String(row.user),
    projectId: row.project_id,
    kind: (HISTORY_KINDS as readonly string[]).includes(row.kind) ? (row.kind as HistoryKind) : 'save',
    changes: normaliseChanges(stored),
  };
}

export function openHistoryStore(dataDir: string): HistoryStore {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(adminDatabasePath(dataDir));
  db.pragma('journal_mode = WAL');
  db.exec(`CREATE TABLE IF NOT EXISTS save_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    time TEXT NOT NULL,
    user TEXT NOT NULL,
    project_id INTEGER NOT NULL,
    changes TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS save_history_project ON save_history (project_id, id DESC);`);
  // Migration: rows written before kinds existed were all plain saves. Idempotent: added once, when missing.
  const columns = db.pragma('table_info(save_history)') as { name: string }[];
  if (!columns.some((column) => column.name === 'kind'))
    db.exec(`ALTER TABLE save_history ADD COLUMN kind TEXT NOT NULL DEFAULT 'save'`);

  const insert = db.prepare('INSERT INTO save_history (time, user, project_id, kind, changes) VALUES (?, ?, ?, ?, ?)');
  const count = db.prepare('SELECT COUNT(*) AS n FROM save_history WHERE project_id = ?');
  const select = db.prepare(
    'SELECT id, time, user, project_id, kind, changes FROM save_history WHERE project_id = ? ORDER BY id DESC LIMIT ? OFFSET ?',
  );
  const selectAll = db.prepare('SELECT changes FROM save_history WHERE project_id = ? ORDER BY id');
  // Per project, each recorded field's last "after": read once from the file, then kept up to date by record().
  const lastAfterCache = new Map<number, Map<string, unknown>>();

  const applyChanges = (values: Map<string, unknown>, changes: readonly HistoryChange[]) => {
    for (const change of changes) if (!isSecretChange(change)) values.set(change.field, change.after);
  };

  return {
    record(entry) {
      const time = entry.time ?? new Date().toISOString();
      const kind = entry.kind ?? 'save';
      const result = insert.run(time, entry.user, entry.projectId, kind, JSON.stringify(entry.changes));
      const cached = lastAfterCache.get(entry.projectId);
      if (cached) applyChanges(cached, entry.changes);
      return {
        id: Number(result.lastInsertRowid),
        time,
        user: entry.user,
        projectId: entry.projectId,
        kind,
        changes: entry.changes,
      };
    },
    list(projectId, page = 1, pageSize = 20) {
      const size = Math.min(Math.max(1, pageSize), 100);
      const current = Math.max(1, page);
      const rows = select.all(projectId, size, (current - 1) * size) as Row[];
      return {
        count: (count.get(projectId) as { n: number }).n,
        page: current,
        pageSize: size,
        results: rows.map(toEntry),
      };
    },
    lastAfter(projectId) {
      let values = lastAfterCache.get(projectId);
      if (!values) {
        values = new Map();
        for (const row of selectAll.all(projectId) as { changes: string }[]) {
          let stored: unknown;
          try {
            stored = JSON.parse(row.changes);
          } catch {
            continue;
          }
          applyChanges(values, normaliseChanges(stored));
        }
        lastAfterCache.set(projectId, values);
      }
      return new Map(values);
    },
    close() {
      db.close();
    },
  };
}
