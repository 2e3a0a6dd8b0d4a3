// The admin server's state behind one interface, with two implementations: SQLite in DATA_DIR/admin.sqlite (the
// default, one process) and PostgreSQL (DATABASE_URL, any number of replicas). Save history, users, sessions,
// login-limit counters and the per-project save lock.
import type { AuthStore } from '../auth/store';
import type { LimitCounters } from '../auth/limiter';
import type { HistoryEntry, HistoryStore, LockedHistory, NewHistoryEntry } from '../history/store';

/** A project's save lock, held: the history as its holder reads and writes it, and the release. */
export interface HeldProjectLock extends LockedHistory {
  /** Ends the turn (never throws: a failed unlock drops the connection, which releases the lock with it). */
  release(): Promise<void>;
}

export interface AdminStore extends AuthStore, HistoryStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Where the state lives, for messages and /app-api/health: the file, or postgres://user@host:port/db. */
  readonly location: string;
  /**
   * Waits for the project's save lock at most waitMs (in this process first, then, with PostgreSQL, an advisory
   * lock on a connection of its own, held until release), or null when the wait ran out.
   */
  lockProject(projectId: number, waitMs: number): Promise<HeldProjectLock | null>;
  /** A history row outside any lock (the copy command, tests). */
  recordHistory(entry: NewHistoryEntry): Promise<HistoryEntry>;
  readonly limits: LimitCounters;
  /** Throws when the database does not answer (health check). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The database could not be opened or migrated: the server must not start on it (one line, no stack). */
export class StoreOpenError extends Error {}
