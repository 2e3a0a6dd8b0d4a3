// Every failure of the admin store, as the requests that meet it see it: "the console database is unavailable"
// (503, with Retry-After), never a 500 "Internal server error". PostgreSQL down or unreachable is the usual cause;
// each request that needs the store (a session check, a login, the history, a save's lock) fails the same way
// until it answers again, and nothing is sent upstream without the lock (project-save.ts).
import type { AdminStore } from './types';

export class StoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super('The console database is unavailable', { cause });
    this.name = 'StoreUnavailableError';
  }
}

export const STORE_UNAVAILABLE_DETAIL = 'The console database does not answer. Try again in a moment.';
/** The headers of that 503, on the Fastify path and the GET fast path alike. */
export const STORE_UNAVAILABLE_HEADERS = { 'cache-control': 'no-store', 'retry-after': '5' } as const;

const asUnavailable = (error: unknown) =>
  error instanceof StoreUnavailableError ? error : new StoreUnavailableError(error);

const rethrow = (error: unknown): never => {
  throw asUnavailable(error);
};

// A plain .catch: sessionUser runs on every proxied GET, so no extra async frame per call.
function guard<A extends unknown[], R>(call: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return (...args) => call(...args).catch(rethrow);
}

/** The same store; its failures reach callers as StoreUnavailableError (the original as its `cause`). */
export function guardStore(store: AdminStore): AdminStore {
  return {
    kind: store.kind,
    location: store.location,
    hasUsers: guard(() => store.hasUsers()),
    passwordHash: guard((name) => store.passwordHash(name)),
    setUser: guard((name, hash) => store.setUser(name, hash)),
    createSession: guard((user, now) => store.createSession(user, now)),
    sessionUser: guard((token, now) => store.sessionUser(token, now)),
    deleteSession: guard((token) => store.deleteSession(token)),
    list: guard((projectId, page, pageSize) => store.list(projectId, page, pageSize)),
    lockProject: guard((projectId, waitMs) => store.lockProject(projectId, waitMs)),
    recordHistory: guard((entry) => store.recordHistory(entry)),
    limits: { update: guard((address, user, now, change) => store.limits.update(address, user, now, change)) },
    ping: () => store.ping(),
    close: () => store.close(),
  };
}
