import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

// Users and sessions, in DATA_DIR/admin.sqlite beside the save history. A session is stored only as the
// SHA-256 of its token: a copy of the database does not let anyone in.

export const SESSION_TTL_MS = 12 * 60 * 60_000;
export const USER_NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

export type AuthStore = {
  hasUsers(): boolean;
  passwordHash(name: string): string | undefined;
  /** Adds the user, or replaces the password of an existing one (ending that user's sessions). */
  setUser(name: string, hash: string): 'added' | 'updated';
  /** A new session for the user: the token for the cookie. */
  createSession(user: string, now?: number): string;
  /** The user of a live session, or undefined. */
  sessionUser(token: string, now?: number): string | undefined;
  deleteSession(token: string): void;
  close(): void;
};

const tokenId = (token: string) => createHash('sha256').update(token).digest('hex');

export function openAuthStore(dataDir: string): AuthStore {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'admin.sqlite'));
  db.pragma('journal_mode = WAL');
  // Another process (npm run user:add) may write while the server reads.
  db.pragma('busy_timeout = 5000');
  db.exec(`CREATE TABLE IF NOT EXISTS users (
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
  const anyUser = db.prepare('SELECT EXISTS (SELECT 1 FROM users) AS yes');
  const userHash = db.prepare('SELECT password_hash FROM users WHERE name = ?');
  const insertUser = db.prepare('INSERT INTO users (name, password_hash, created_at) VALUES (?, ?, ?)');
  const updateUser = db.prepare('UPDATE users SET password_hash = ? WHERE name = ?');
  const endUserSessions = db.prepare('DELETE FROM sessions WHERE user = ?');
  const insertSession = db.prepare('INSERT INTO sessions (id, user, expires_at) VALUES (?, ?, ?)');
  const purge = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
  const lookup = db.prepare(
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

  return {
    hasUsers: () => (anyUser.get() as { yes: number }).yes === 1,
    passwordHash: (name) => (userHash.get(name) as { password_hash: string } | undefined)?.password_hash,
    setUser: (name, hash) => setUser(name, hash),
    createSession(user, now = Date.now()) {
      purge.run(now);
      const token = randomBytes(32).toString('base64url');
      insertSession.run(tokenId(token), user, now + SESSION_TTL_MS);
      return token;
    },
    sessionUser: (token, now = Date.now()) => (lookup.get(tokenId(token), now) as { user: string } | undefined)?.user,
    deleteSession: (token) => void removeSession.run(tokenId(token)),
    close: () => db.close(),
  };
}
