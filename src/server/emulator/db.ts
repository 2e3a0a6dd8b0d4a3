// SQLite schema of the emulator (${DATA_DIR}/emulator.sqlite). Project settings are stored as the JSON text
// of what was sent, one column per field, so a response embeds them verbatim (same key order, same bytes).
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { COLUMN_NAMES } from './project-fields';

export type Db = Database.Database;

// Bump when the schema changes: an older file is then rebuilt and reseeded instead of misread.
const SCHEMA_VERSION = '3';

const TABLES = [
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
  `CREATE TABLE organizations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)`,
  `CREATE TABLE memberships (id INTEGER PRIMARY KEY, organization_id INTEGER NOT NULL, user_id INTEGER NOT NULL,
     user_name TEXT NOT NULL, user_email TEXT NOT NULL, role TEXT NOT NULL, is_email_notify_enabled INTEGER NOT NULL,
     created_at TEXT NOT NULL, updated_at TEXT NOT NULL)`,
  `CREATE TABLE projects (id INTEGER PRIMARY KEY, organization_id INTEGER NOT NULL,
     created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
     ${COLUMN_NAMES.map((c) => `"${c}" TEXT NOT NULL`).join(', ')})`,
  `CREATE TABLE project_secrets (project_id INTEGER NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL,
     PRIMARY KEY (project_id, name))`,
  `CREATE TABLE agents (id INTEGER PRIMARY KEY, project_id INTEGER, organization_id INTEGER NOT NULL,
     agent_name TEXT NOT NULL, contact_number TEXT NOT NULL, inbound INTEGER, language TEXT NOT NULL,
     agent_gives_first_message INTEGER, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)`,
  `CREATE INDEX agents_project ON agents (project_id, id)`,
  `CREATE TABLE metrics (id INTEGER PRIMARY KEY, project_id INTEGER, slug TEXT, name TEXT NOT NULL,
     description TEXT NOT NULL, eval_type TEXT NOT NULL, legacy_eval_type TEXT, enum_values TEXT NOT NULL,
     type TEXT NOT NULL, prompt TEXT NOT NULL, function_name TEXT, audio_enabled INTEGER NOT NULL,
     observability_enabled INTEGER NOT NULL, simulation_enabled INTEGER NOT NULL, sampling_enabled INTEGER NOT NULL,
     display_order INTEGER NOT NULL, evaluation_trigger TEXT NOT NULL, alert_type TEXT NOT NULL,
     metric_cost REAL NOT NULL)`,
  `CREATE INDEX metrics_project ON metrics (project_id, id)`,
  `CREATE TABLE metric_agents (metric_id INTEGER NOT NULL, agent_id INTEGER NOT NULL, PRIMARY KEY (metric_id, agent_id))`,
  `CREATE INDEX metric_agents_agent ON metric_agents (agent_id, metric_id)`,
  `CREATE TABLE dashboards (id INTEGER PRIMARY KEY, project_id INTEGER, name TEXT, filters TEXT NOT NULL,
     widget_count INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)`,
  `CREATE INDEX dashboards_project ON dashboards (project_id, id)`,
  `CREATE TABLE call_logs (id INTEGER PRIMARY KEY, project_id INTEGER NOT NULL, agent_id INTEGER, ts INTEGER NOT NULL,
     success INTEGER, is_reviewed INTEGER NOT NULL, status TEXT NOT NULL, feedback TEXT NOT NULL,
     call_ended_reason TEXT NOT NULL, customer_number TEXT NOT NULL, call_id TEXT NOT NULL, trace_id TEXT NOT NULL,
     duration_s INTEGER NOT NULL, error_message TEXT, dropoff_point TEXT NOT NULL, topic TEXT NOT NULL,
     transcript TEXT NOT NULL, metrics TEXT NOT NULL)`,
  `CREATE INDEX call_logs_project_ts ON call_logs (project_id, ts)`,
  `CREATE INDEX call_logs_agent_ts ON call_logs (agent_id, ts)`,
];

export function dbFile(dataDir: string): string {
  return path.join(dataDir, 'emulator.sqlite');
}

/** Opens (creating or rebuilding when needed) the database. Returns whether it is empty (needs a seed). */
export function openDb(dataDir: string): { db: Db; fresh: boolean } {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(dbFile(dataDir));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const version = readMetaSafe(db, 'schema_version');
  if (version === SCHEMA_VERSION && readMetaSafe(db, 'seeded_at')) return { db, fresh: false };
  recreateSchema(db);
  return { db, fresh: true };
}

/** Drops every table and creates the current schema (empty). */
export function recreateSchema(db: Db): void {
  const tables = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
    .pluck()
    .all() as string[];
  db.transaction(() => {
    for (const t of tables) db.exec(`DROP TABLE IF EXISTS "${t}"`);
    for (const sql of TABLES) db.exec(sql);
    setMeta(db, 'schema_version', SCHEMA_VERSION);
  })();
}

function readMetaSafe(db: Db, key: string): string | undefined {
  const exists = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'`).get();
  return exists ? getMeta(db, key) : undefined;
}

export function getMeta(db: Db, key: string): string | undefined {
  const row = db.prepare(`SELECT value FROM meta WHERE key = ?`).get(key) as { value: string } | undefined;
  return row?.value;
}

export function setMeta(db: Db, key: string, value: string): void {
  db.prepare(`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(
    key,
    value,
  );
}
