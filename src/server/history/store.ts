import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { HistoryChange } from './changes';

// Every successful save, in SQLite next to the emulator's data: who, when, which project, what changed.

export interface HistoryEntry {
  id: number;
  time: string;
  user: string;
  projectId: number;
  changes: HistoryChange[];
}

export interface HistoryPage {
  count: number;
  page: number;
  pageSize: number;
  results: HistoryEntry[];
}

export interface HistoryStore {
  record(entry: Omit<HistoryEntry, 'id' | 'time'> & { time?: string }): HistoryEntry;
  list(projectId: number, page?: number, pageSize?: number): HistoryPage;
  close(): void;
}

export function openHistoryStore(dataDir: string): HistoryStore {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'admin.sqlite'));
  db.pragma('journal_mode = WAL');
  db.exec(`CREATE TABLE IF NOT EXISTS save_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    time TEXT NOT NULL,
    user TEXT NOT NULL,
    project_id INTEGER NOT NULL,
    changes TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS save_history_project ON save_history (project_id, id DESC);`);
  const insert = db.prepare('INSERT INTO save_history (time, user, project_id, changes) VALUES (?, ?, ?, ?)');
  const count = db.prepare('SELECT COUNT(*) AS n FROM save_history WHERE project_id = ?');
  const select = db.prepare(
    'SELECT id, time, user, project_id, changes FROM save_history WHERE project_id = ? ORDER BY id DESC LIMIT ? OFFSET ?',
  );

  return {
    record(entry) {
      const time = entry.time ?? new Date().toISOString();
      const result = insert.run(time, entry.user, entry.projectId, JSON.stringify(entry.changes));
      return {
        id: Number(result.lastInsertRowid),
        time,
        user: entry.user,
        projectId: entry.projectId,
        changes: entry.changes,
      };
    },
    list(projectId, page = 1, pageSize = 20) {
      const size = Math.min(Math.max(1, pageSize), 100);
      const current = Math.max(1, page);
      const rows = select.all(projectId, size, (current - 1) * size) as {
        id: number;
        time: string;
        user: string;
        project_id: number;
        changes: string;
      }[];
      return {
        count: (count.get(projectId) as { n: number }).n,
        page: current,
        pageSize: size,
        results: rows.map((row) => ({
          id: row.id,
          time: row.time,
          user: row.user,
          projectId: row.project_id,
          changes: JSON.parse(row.changes),
        })),
      };
    },
    close() {
      db.close();
    },
  };
}
