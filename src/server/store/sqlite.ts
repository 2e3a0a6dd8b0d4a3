// The SQLite admin store: DATA_DIR/admin.sqlite (history, users, sessions), login limits in memory, the save lock
// inside this process. One process per DATA_DIR.
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { MemoryLimitCounters } from '../auth/limiter';
import { SESSION_TTL_MS, tokenId } from '../auth/store';
import {
  adminDatabasePath,
  applyChanges,
  applyStoredChanges,
  toEntry,
  type HistoryEntry,
  type HistoryRow,
  type NewHistoryEntry,
} from '../history/store';
import { KeyedLock } from '../proxy/project-lock';
import { StoreOpenError, type AdminStore } from './types';

// Versions of the schema, applied in order (PRAGMA user_version says how far a file is). Version 1 is the schema
// as it stood before versions existed, so each step is written to also accept such a file.
const MIGRATIONS: ((db: Database.Database) => void)[] = [
  (db) => {
    db.exec(`CREATE TABLE IF NOT EXISTS save_history (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      time TEXT NOT NULL,
      user TEXT NOT NULL,
      project_id INTEGER NOT NULL,
      changes TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS save_history_project ON save_history (project_id, id DESC);
    CREATE TABLE IF NOT EXISTS users (
      name TEXT PRIMARY KEY,
      password_hash TEXT NOT NULL,
      created_at TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS sessions (
      id TEXT PRIMARY KEY,
      user TEXT NOT NULL REFERENCES users (name) ON DELETE CASCADE,
      expires_at INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS sessions_expiry ON sessions (expires_at);`);
    // Rows written before kinds existed were all plain saves.
    const columns = db.pragma('table_info(save_history)') as { name: string }[];
    if (!columns.some((column) => column.name === 'kind'))
      db.exec(`ALTER TABLE save_history ADD COLUMN kind TEXT NOT NULL DEFAULT 'save'`);
  },
];

export const SQLITE_SCHEMA_VERSION = MIGRATIONS.length;

/** Brings the file to the current schema, in one write transaction (another process waits for it). */
function migrate(db: Database.Database): void {
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > MIGRATIONS.length)
      throw new StoreOpenError(
        `${db.name} has schema version ${version}, newer than this console knows (${MIGRATIONS.length}): update the console.`,
      );
    for (let v = version; v < MIGRATIONS.length; v += 1) MIGRATIONS[v](db);
    if (version < MIGRATIONS.length) db.pragma(`user_version = ${MIGRATIONS.length}`);
  }).immediate();
}

export function openSqliteStore(dataDir: string): AdminStore {
  mkdirSync(dataDir, { recursive: true });
  const file = adminDatabasePath(dataDir);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // Another process (npm run user:add) may write while the server reads.
  db.pragma('busy_timeout = 5000');
  migrate(db);

  const insertHistory = db.prepare(
    'INSERT INTO save_history (time, user, project_id, kind, changes) VALUES (?, ?, ?, ?, ?)',
  );
  const countHistory = db.prepare('SELECT COUNT(*) AS n FROM save_history WHERE project_id = ?');
  const selectHistory = db.prepare(
    'SELECT id, time, user, project_id, kind, changes FROM save_history WHERE project_id = ? ORDER BY id DESC LIMIT ? OFFSET ?',
  );
  const selectAllChanges = db.prepare('SELECT changes FROM save_history WHERE project_id = ? ORDER BY id');
  // Per project, each recorded field's last "after": read once from the file, then kept up to date by record.
  const lastAfterCache = new Map<number, Map<string, unknown>>();

  const anyUser = db.prepare('SELECT EXISTS (SELECT 1 FROM users) AS yes');
  const userHash = db.prepare('SELECT password_hash FROM users WHERE name = ?');
  const insertUser = db.prepare('INSERT INTO users (name, password_hash, created_at) VALUES (?, ?, ?)');
  const updateUser = db.prepare('UPDATE users SET password_hash = ? WHERE name = ?');
  const endUserSessions = db.prepare('DELETE FROM sessions WHERE user = ?');
  const insertSession = db.prepare('INSERT INTO sessions (id, user, expires_at) VALUES (?, ?, ?)');
  const purgeSessions = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
  const lookupSession = db.prepare(
    'SELECT sessions.user AS user FROM sessions JOIN users ON users.name = sessions.user WHERE sessions.id = ? AND sessions.expires_at > ?',
  );
  const removeSession = db.prepare('DELETE FROM sessions WHERE id = ?');
  const setUser = db.transaction((name: string, hash: string): 'added' | 'updated' => {
    if (userHash.get(name)) {
      updateUser.run(hash, name);
      endUserSessions.run(name);
      return 'updated';
    }
    insertUser.run(name, hash, new Date().toISOString());
    return 'added';
  });

  const record = (entry: NewHistoryEntry): HistoryEntry => {
    const time = entry.time ?? new Date().toISOString();
    const kind = entry.kind ?? 'save';
    const result = insertHistory.run(time, entry.user, entry.projectId, kind, JSON.stringify(entry.changes));
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
  };
  const lastAfter = (projectId: number): Map<string, unknown> => {
    let values = lastAfterCache.get(projectId);
    if (!values) {
      values = new Map();
      for (const row of selectAllChanges.all(projectId) as { changes: string }[])
        applyStoredChanges(values, row.changes);
      lastAfterCache.set(projectId, values);
    }
    return new Map(values);
  };
  const locks = new KeyedLock();
  const limits = new MemoryLimitCounters();

  return {
    kind: 'sqlite',
    location: file,
    limits,
    async list(projectId, page = 1, pageSize = 20) {
      const size = Math.min(Math.max(1, pageSize), 100);
      const current = Math.max(1, page);
      const rows = selectHistory.all(projectId, size, (current - 1) * size) as HistoryRow[];
      return {
        count: (countHistory.get(projectId) as { n: number }).n,
        page: current,
        pageSize: size,
        results: rows.map(toEntry),
      };
    },
    recordHistory: async (entry) => record(entry),
    async lockProject(projectId, waitMs) {
      const release = await locks.acquire(projectId, waitMs);
      if (!release) return null;
      return {
        lastAfter: async () => lastAfter(projectId),
        record: async (entry) => record({ ...entry, projectId }),
        release: async () => release(),
      };
    },
    hasUsers: async () => (anyUser.get() as { yes: number }).yes === 1,
    passwordHash: async (name) => (userHash.get(name) as { password_hash: string } | undefined)?.password_hash,
    setUser: async (name, hash) => setUser(name, hash),
    async createSession(user, now = Date.now()) {
      purgeSessions.run(now);
      const token = randomBytes(32).toString('base64url');
      insertSession.run(tokenId(token), user, now + SESSION_TTL_MS);
      return token;
    },
    sessionUser: async (token, now = Date.now()) =>
      (lookupSession.get(tokenId(token), now) as { user: string } | undefined)?.user,
    deleteSession: async (token) => void removeSession.run(tokenId(token)),
    async ping() {
      db.prepare('SELECT 1').get();
    },
    close: async () => void db.close(),
  };
}
