// The PostgreSQL admin store (DATABASE_URL): history, users, sessions and login-limit counters shared by every
// replica, and the per-project save lock as a session-level advisory lock on a connection of its own, held until
// the upstream write has settled. A replica that dies releases its locks with its connections.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { AddressEntry, LimitCounters, LimitEntries, UserEntry } from '../auth/limiter';
import { SESSION_TTL_MS, tokenId } from '../auth/store';
import {
  applyStoredChanges,
  toEntry,
  type HistoryEntry,
  type HistoryRow,
  type NewHistoryEntry,
} from '../history/store';
import { KeyedLock } from '../proxy/project-lock';
import { StoreOpenError, type AdminStore, type HeldProjectLock } from './types';

/** Advisory lock spaces: a project's save lock is PROJECT_LOCK_BASE + its id (ids < 10^10 < 2^34). */
const PROJECT_LOCK_BASE = 0x4345n << 48n;
/** The advisory lock key of a project's save lock (one bigint, as text). */
export const projectLockKey = (projectId: number): string => (PROJECT_LOCK_BASE + BigInt(projectId)).toString();
/** Two-key advisory locks (a separate space from the one-key ones): migrations, and login-limit keys. */
const MIGRATION_LOCK = [0x4345, 1] as const;
const LIMIT_LOCK_CLASS = 0x4345 + 2;

/** Versions of the schema, applied in order, each once, recorded in schema_migrations. */
const MIGRATIONS: string[] = [
  `CREATE TABLE save_history (
     id BIGSERIAL PRIMARY KEY,
     time TEXT NOT NULL,
     user_name TEXT NOT NULL,
     project_id BIGINT NOT NULL,
     kind TEXT NOT NULL DEFAULT 'save',
     changes TEXT NOT NULL
   );
   CREATE INDEX save_history_project ON save_history (project_id, id DESC);
   CREATE TABLE users (
     name TEXT PRIMARY KEY,
     password_hash TEXT NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE TABLE sessions (
     id TEXT PRIMARY KEY,
     user_name TEXT NOT NULL REFERENCES users (name) ON DELETE CASCADE,
     expires_at BIGINT NOT NULL
   );
   CREATE INDEX sessions_expiry ON sessions (expires_at);
   CREATE INDEX sessions_user ON sessions (user_name);
   CREATE TABLE login_limits (
     key TEXT PRIMARY KEY,
     entry TEXT NOT NULL,
     expires_at BIGINT NOT NULL
   );
   CREATE INDEX login_limits_expiry ON login_limits (expires_at);`,
];

export const POSTGRES_SCHEMA_VERSION = MIGRATIONS.length;

/** postgres://user@host:port/db: the URL without its password, for messages. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    parsed.search = '';
    return parsed.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}

/**
 * Brings the database to the current schema. Under a transaction-level advisory lock, so replicas starting at
 * once take turns: the first applies what is missing, the others then find nothing to do.
 */
async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [...MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((row) => row.version));
    const newest = Math.max(0, ...applied);
    if (newest > MIGRATIONS.length)
      throw new Error(
        `The database has schema version ${newest}, newer than this console knows (${MIGRATIONS.length}): update the console.`,
      );
    for (let v = 1; v <= MIGRATIONS.length; v += 1) {
      if (applied.has(v)) continue;
      await client.query(MIGRATIONS[v - 1]);
      await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [v]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

type StoredAddress = { resetAt: number; byUser: [string, number][] };

const readAddress = (text: string): AddressEntry => {
  const stored = JSON.parse(text) as StoredAddress;
  return { resetAt: stored.resetAt, byUser: new Map(stored.byUser) };
};
const writeAddress = (entry: AddressEntry): string =>
  JSON.stringify({ resetAt: entry.resetAt, byUser: [...entry.byUser] } satisfies StoredAddress);

/** Login-limit entries as rows; one update locks both keys (always address, then user: no deadlock). */
class PostgresLimitCounters implements LimitCounters {
  private updates = 0;

  constructor(private readonly pool: pg.Pool) {}

  async update<T>(address: string, user: string, now: number, change: (entries: LimitEntries) => T): Promise<T> {
    const keys = [`a:${address}`, `u:${user}`];
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // Advisory locks cover keys that have no row yet, which a row lock could not.
      for (const key of keys)
        await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LIMIT_LOCK_CLASS, key]);
      const { rows } = await client.query<{ key: string; entry: string }>(
        'SELECT key, entry FROM login_limits WHERE key = ANY($1)',
        [keys],
      );
      const text = new Map(rows.map((row) => [row.key, row.entry]));
      const entries: LimitEntries = {
        address: text.has(keys[0]) ? readAddress(text.get(keys[0]) as string) : undefined,
        user: text.has(keys[1]) ? (JSON.parse(text.get(keys[1]) as string) as UserEntry) : undefined,
      };
      const result = change(entries);
      const keep = [
        { key: keys[0], entry: entries.address && writeAddress(entries.address), expiresAt: entries.address?.resetAt },
        { key: keys[1], entry: entries.user && JSON.stringify(entries.user), expiresAt: entries.user?.expiresAt },
      ];
      for (const { key, entry, expiresAt } of keep) {
        if (entry === undefined) {
          if (text.has(key)) await client.query('DELETE FROM login_limits WHERE key = $1', [key]);
        } else if (entry !== text.get(key))
          await client.query(
            `INSERT INTO login_limits (key, entry, expires_at) VALUES ($1, $2, $3)
             ON CONFLICT (key) DO UPDATE SET entry = excluded.entry, expires_at = excluded.expires_at`,
            [key, entry, expiresAt],
          );
      }
      // Now and then, forget entries whose window has passed (they would start over anyway).
      if ((this.updates += 1) % 100 === 1) await client.query('DELETE FROM login_limits WHERE expires_at < $1', [now]);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }
}

export type PostgresStoreOptions = {
  /** Connections per replica (default 20): each project being saved holds one while its write is open. */
  poolSize?: number;
};

export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<AdminStore> {
  const location = describeDatabaseUrl(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 20,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    application_name: 'cekura-console',
  });
  // An idle connection dropped by the server (restart, failover) must not crash the process: the pool replaces it.
  pool.on('error', () => {});
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end().catch(() => {});
    throw new StoreOpenError(`The database ${location} could not be opened: ${(error as Error).message}`);
  }

  const locks = new KeyedLock();
  // Per project, each recorded field's last "after" and the last row id folded in: rows are only ever added, and
  // under the project's lock, so the rows after that id are all this replica has not seen.
  const lastAfterCache = new Map<number, { lastId: number; values: Map<string, unknown> }>();
  let usersExist = false;

  const insertHistory = async (db: pg.ClientBase | pg.Pool, entry: NewHistoryEntry): Promise<HistoryEntry> => {
    const time = entry.time ?? new Date().toISOString();
    const kind = entry.kind ?? 'save';
    const { rows } = await db.query<{ id: string }>(
      'INSERT INTO save_history (time, user_name, project_id, kind, changes) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [time, entry.user, entry.projectId, kind, JSON.stringify(entry.changes)],
    );
    return { id: Number(rows[0].id), time, user: entry.user, projectId: entry.projectId, kind, changes: entry.changes };
  };

  const lastAfter = async (client: pg.ClientBase, projectId: number): Promise<Map<string, unknown>> => {
    const cached = lastAfterCache.get(projectId) ?? { lastId: 0, values: new Map<string, unknown>() };
    const { rows } = await client.query<{ id: string; changes: string }>(
      'SELECT id, changes FROM save_history WHERE project_id = $1 AND id > $2 ORDER BY id',
      [projectId, cached.lastId],
    );
    const values = new Map(cached.values);
    for (const row of rows) applyStoredChanges(values, row.changes);
    const lastId = rows.length ? Number(rows[rows.length - 1].id) : cached.lastId;
    lastAfterCache.set(projectId, { lastId, values });
    return new Map(values);
  };

  /** The advisory lock on a connection of its own, waiting at most waitMs; null when it ran out. */
  const lockOnConnection = async (projectId: number, waitMs: number): Promise<pg.PoolClient | null> => {
    const key = projectLockKey(projectId);
    const client = await pool.connect();
    try {
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [key]);
      if (rows[0].locked) return client;
      // Held by another replica: wait for it, bounded by lock_timeout (which applies to advisory locks too).
      await client.query(`SET lock_timeout = ${Math.max(1, Math.floor(waitMs))}`);
      try {
        await client.query('SELECT pg_advisory_lock($1)', [key]);
      } catch (error) {
        if ((error as { code?: string }).code === '55P03') {
          await client.query('SET lock_timeout = 0');
          client.release();
          return null;
        }
        throw error;
      }
      await client.query('SET lock_timeout = 0');
      return client;
    } catch (error) {
      client.release(error as Error);
      throw error;
    }
  };

  return {
    kind: 'postgres',
    location,
    limits: new PostgresLimitCounters(pool),

    async list(projectId, page = 1, pageSize = 20) {
      const size = Math.min(Math.max(1, pageSize), 100);
      const current = Math.max(1, page);
      const [count, rows] = await Promise.all([
        pool.query<{ n: string }>('SELECT COUNT(*) AS n FROM save_history WHERE project_id = $1', [projectId]),
        pool.query<HistoryRow & { id: string; project_id: string }>(
          `SELECT id, time, user_name AS "user", project_id, kind, changes FROM save_history
           WHERE project_id = $1 ORDER BY id DESC LIMIT $2 OFFSET $3`,
          [projectId, size, (current - 1) * size],
        ),
      ]);
      return {
        count: Number(count.rows[0].n),
        page: current,
        pageSize: size,
        results: rows.rows.map((row) => toEntry({ ...row, id: Number(row.id), project_id: Number(row.project_id) })),
      };
    },
    recordHistory: (entry) => insertHistory(pool, entry),

    async lockProject(projectId, waitMs): Promise<HeldProjectLock | null> {
      // Saves of one project queue in this process first: a waiting save holds no connection.
      const deadline = Date.now() + waitMs;
      const releaseLocal = await locks.acquire(projectId, waitMs);
      if (!releaseLocal) return null;
      let client: pg.PoolClient | null;
      try {
        client = await lockOnConnection(projectId, deadline - Date.now());
      } catch (error) {
        releaseLocal();
        throw error;
      }
      if (!client) {
        releaseLocal();
        return null;
      }
      const held = client;
      let released = false;
      return {
        lastAfter: () => lastAfter(held, projectId),
        record: (entry) => insertHistory(held, { ...entry, projectId }),
        async release() {
          if (released) return;
          released = true;
          try {
            await held.query('SELECT pg_advisory_unlock($1)', [projectLockKey(projectId)]);
            held.release();
          } catch (error) {
            // Dropping the connection releases the lock with it.
            held.release(error as Error);
          } finally {
            releaseLocal();
          }
        },
      };
    },

    async hasUsers() {
      // Users are never removed: once one exists, there is no need to ask again.
      if (usersExist) return true;
      const { rows } = await pool.query<{ yes: boolean }>('SELECT EXISTS (SELECT 1 FROM users) AS yes');
      usersExist = rows[0].yes;
      return usersExist;
    },
    async passwordHash(name) {
      const { rows } = await pool.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE name = $1', [
        name,
      ]);
      return rows[0]?.password_hash;
    },
    async setUser(name, hash) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const inserted = await client.query(
          'INSERT INTO users (name, password_hash, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING',
          [name, hash, new Date().toISOString()],
        );
        if (inserted.rowCount === 0) {
          await client.query('UPDATE users SET password_hash = $1 WHERE name = $2', [hash, name]);
          await client.query('DELETE FROM sessions WHERE user_name = $1', [name]);
        }
        await client.query('COMMIT');
        return inserted.rowCount === 0 ? 'updated' : 'added';
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async createSession(user, now = Date.now()) {
      const token = randomBytes(32).toString('base64url');
      await pool.query('DELETE FROM sessions WHERE expires_at <= $1', [now]);
      await pool.query('INSERT INTO sessions (id, user_name, expires_at) VALUES ($1, $2, $3)', [
        tokenId(token),
        user,
        now + SESSION_TTL_MS,
      ]);
      return token;
    },
    async sessionUser(token, now = Date.now()) {
      const { rows } = await pool.query<{ user: string }>(
        'SELECT user_name AS "user" FROM sessions WHERE id = $1 AND expires_at > $2',
        [tokenId(token), now],
      );
      return rows[0]?.user;
    },
    async deleteSession(token) {
      await pool.query('DELETE FROM sessions WHERE id = $1', [tokenId(token)]);
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    close: () => pool.end(),
  };
}
