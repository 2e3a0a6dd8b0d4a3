import { createHash } from 'node:crypto';

// Users and sessions, in the admin store (DATA_DIR/admin.sqlite, or PostgreSQL with DATABASE_URL) beside the
// save history. A session is stored only as the SHA-256 of its token: a copy of the database does not let anyone in.

export const SESSION_TTL_MS = 12 * 60 * 60_000;
export const USER_NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

export type AuthStore = {
  hasUsers(): Promise<boolean>;
  passwordHash(name: string): Promise<string | undefined>;
  /** Adds the user, or replaces the password of an existing one (ending that user's sessions). */
  setUser(name: string, hash: string): Promise<'added' | 'updated'>;
  /** A new session for the user: the token for the cookie. */
  createSession(user: string, now?: number): Promise<string>;
  /** The user of a live session, or undefined. */
  sessionUser(token: string, now?: number): Promise<string | undefined>;
  deleteSession(token: string): Promise<void>;
};

/** What is stored of a session token. */
export const tokenId = (token: string) => createHash('sha256').update(token).digest('hex');
