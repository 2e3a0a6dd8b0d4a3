// `npm run db:copy`: an existing DATA_DIR/admin.sqlite (users and save history) into the PostgreSQL database of
// DATABASE_URL, once, when moving a single server to replicas. The SQLite file is only read. Users already in
// PostgreSQL are kept (not overwritten); the history is copied only into an empty history, in its order, with
// its times, users and kinds. Sessions are not copied (everyone logs in again), nor the in-memory login limits.
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { openPostgresStore } from './postgres';
import { StoreOpenError } from './types';

export type CopyResult = { users: number; usersKept: string[]; history: number };

export async function copySqliteToPostgres(file: string, databaseUrl: string): Promise<CopyResult> {
  if (!existsSync(file)) throw new StoreOpenError(`${file} does not exist: nothing to copy.`);
  const source = new Database(file, { readonly: true, fileMustExist: true });
  let users: { name: string; password_hash: string; created_at: string }[];
  let history: { time: string; user: string; project_id: number; kind: string; changes: string }[];
  try {
    const tables = new Set(
      (source.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
        (row) => row.name,
      ),
    );
    users = tables.has('users')
      ? (source.prepare('SELECT name, password_hash, created_at FROM users ORDER BY name').all() as typeof users)
      : [];
    const columns = tables.has('save_history')
      ? (source.pragma('table_info(save_history)') as { name: string }[]).map((column) => column.name)
      : [];
    const kind = columns.includes('kind') ? 'kind' : `'save' AS kind`;
    history = tables.has('save_history')
      ? (source
          .prepare(`SELECT time, user, project_id, ${kind}, changes FROM save_history ORDER BY id`)
          .all() as typeof history)
      : [];
  } finally {
    source.close();
  }

  // Brings the database to the current schema first (as a replica's start would).
  await (await openPostgresStore(databaseUrl, { poolSize: 1 })).close();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    // Replicas may be running: take the table so no save is recorded between the check and the copy.
    await client.query('LOCK TABLE save_history IN EXCLUSIVE MODE');
    const { rows } = await client.query<{ n: string }>('SELECT COUNT(*) AS n FROM save_history');
    if (history.length && Number(rows[0].n) > 0)
      throw new StoreOpenError(
        `The PostgreSQL history already holds ${rows[0].n} rows: the copy goes only into an empty history, so nothing was copied.`,
      );
    const usersKept: string[] = [];
    for (const user of users) {
      const inserted = await client.query(
        'INSERT INTO users (name, password_hash, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING',
        [user.name, user.password_hash, user.created_at],
      );
      if (inserted.rowCount === 0) usersKept.push(user.name);
    }
    for (const row of history)
      await client.query(
        'INSERT INTO save_history (time, user_name, project_id, kind, changes) VALUES ($1, $2, $3, $4, $5)',
        [String(row.time), String(row.user), row.project_id, row.kind, String(row.changes)],
      );
    await client.query('COMMIT');
    return { users: users.length - usersKept.length, usersKept, history: history.length };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
