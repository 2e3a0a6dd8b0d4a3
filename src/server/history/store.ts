import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
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

// Every change of a project's settings the console knows of, in the admin store (SQLite next to the emulator's
// data, or PostgreSQL with DATABASE_URL: src/server/store): who, when, which project, what changed, and what kind
// of row it is (a save, a save whose answer was lost, a change made outside the console, a revert).

export type { HistoryEntry, HistoryPage };

export type NewHistoryEntry = Omit<HistoryEntry, 'id' | 'time' | 'kind'> & { time?: string; kind?: HistoryKind };

export interface HistoryStore {
  list(projectId: number, page?: number, pageSize?: number): Promise<HistoryPage>;
}

/** What the holder of a project's save lock reads and writes (with PostgreSQL, on the lock's own connection). */
export interface LockedHistory {
  /** Each field's value after the last row that recorded it (secrets are never recorded, so never here). */
  lastAfter(): Promise<Map<string, unknown>>;
  record(entry: Omit<NewHistoryEntry, 'projectId'>): Promise<HistoryEntry>;
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

export type HistoryRow = { id: number; time: string; user: string; project_id: number; kind: string; changes: string };

/** A stored row as the API answers it, whatever older version wrote it. */
export function toEntry(row: HistoryRow): HistoryEntry {
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

/** Folds one stored row's changes (its JSON text) into each field's last "after"; an unreadable row is skipped. */
export function applyStoredChanges(values: Map<string, unknown>, text: string): void {
  let stored: unknown;
  try {
    stored = JSON.parse(text);
  } catch {
    return;
  }
  applyChanges(values, normaliseChanges(stored));
}

export function applyChanges(values: Map<string, unknown>, changes: readonly HistoryChange[]): void {
  for (const change of changes) if (!isSecretChange(change)) values.set(change.field, change.after);
}
