// Login limits. An attempt is counted when it starts (reserve), before the password is checked, so a burst of
// simultaneous requests cannot all get past a limit that only counts finished failures. Two limits:
// - per client address: `max` attempts per `windowMs` (from the first one); a success refunds its own
//   reservation and clears only the failures of the user who logged in, so an account holder (or anyone
//   sharing the address with one) cannot log in as themselves to wipe the count of guesses at other names.
// - per user name, across addresses: after `userMax` failures each further attempt must wait a delay that
//   doubles (1 s, 2 s, 4 s ...) up to `userMaxDelayMs`: guesses from many addresses slow to a crawl, but the
//   real user is never locked out for longer than that cap. `npm run user:add` for the name clears it.
// The counters live in the admin store (LimitCounters): in memory with SQLite (a restart forgets), in PostgreSQL
// with DATABASE_URL (shared by every replica). Each step reads and writes one address's and one name's entries
// atomically, so the rules below are the same for both.

import { availableParallelism } from 'node:os';

export type LimiterOptions = {
  max: number;
  windowMs: number;
  /** Failures of one user name (any address) before the growing delay starts. */
  userMax?: number;
  /** The first delay of the per-user limit (it then doubles). */
  userDelayMs?: number;
  /** The longest delay the per-user limit imposes. */
  userMaxDelayMs?: number;
};

const DEFAULTS = { max: 5, windowMs: 15 * 60_000, userMax: 20, userDelayMs: 1000, userMaxDelayMs: 5 * 60_000 };
const MAX_TRACKED = 10_000;

/** One client address's window: attempts per user name, until resetAt (also when the entry may be forgotten). */
export type AddressEntry = { resetAt: number; byUser: Map<string, number> };
/**
 * One user name's failures. `stamp` is the user's password hash when counting started: a new one (user:add)
 * starts a clean count. `expiresAt` (last + window): after it the entry starts over, so it may be forgotten.
 */
export type UserEntry = {
  failures: number;
  last: number;
  nextAt: number;
  stamp: string | undefined;
  expiresAt: number;
};
/** The entries of one attempt; a step sets, changes or removes them (undefined: none kept). */
export type LimitEntries = { address?: AddressEntry; user?: UserEntry };

/** Where the counters are kept: each update of one address's and one name's entries is atomic. */
export interface LimitCounters {
  update<T>(address: string, user: string, now: number, change: (entries: LimitEntries) => T): Promise<T>;
}

/** The counters of one process (SQLite mode): lost on restart, at most MAX_TRACKED addresses and names. */
export class MemoryLimitCounters implements LimitCounters {
  private readonly addresses = new Map<string, AddressEntry>();
  private readonly users = new Map<string, UserEntry>();

  async update<T>(address: string, user: string, now: number, change: (entries: LimitEntries) => T): Promise<T> {
    const entries: LimitEntries = { address: this.addresses.get(address), user: this.users.get(user) };
    const result = change(entries);
    keep(this.addresses, address, entries.address, (e) => e.resetAt <= now);
    keep(this.users, user, entries.user, (e) => e.expiresAt < now);
    return result;
  }
}

function keep<T>(map: Map<string, T>, key: string, entry: T | undefined, expired: (entry: T) => boolean): void {
  if (entry === undefined) return void map.delete(key);
  if (!map.has(key) && map.size >= MAX_TRACKED) prune(map, expired);
  map.set(key, entry);
}

export type Reservation = { address: string; user: string };
export type Refusal = { retryAfterSeconds: number; reason: 'address' | 'user' };

export class LoginLimiter {
  private readonly opts: Required<LimiterOptions>;

  constructor(
    opts: LimiterOptions = DEFAULTS,
    private readonly counters: LimitCounters = new MemoryLimitCounters(),
  ) {
    this.opts = { ...DEFAULTS, ...opts };
  }

  /**
   * Counts an attempt before its password is checked, or refuses it. `stamp` identifies the user's current
   * password (its stored hash; undefined for an unknown name).
   */
  reserve(address: string, user: string, stamp: string | undefined, now = Date.now()): Promise<Reservation | Refusal> {
    return this.counters.update(address, user, now, (entries): Reservation | Refusal => {
      const byAddress = this.addressEntry(entries, now);
      const used = [...byAddress.byUser.values()].reduce((a, b) => a + b, 0);
      if (used >= this.opts.max)
        return { reason: 'address', retryAfterSeconds: Math.ceil((byAddress.resetAt - now) / 1000) };
      const byUser = this.userEntry(entries, stamp, now);
      if (byUser.nextAt > now) return { reason: 'user', retryAfterSeconds: Math.ceil((byUser.nextAt - now) / 1000) };
      byAddress.byUser.set(user, (byAddress.byUser.get(user) ?? 0) + 1);
      byUser.failures += 1;
      byUser.last = now;
      byUser.expiresAt = now + this.opts.windowMs;
      const over = byUser.failures - this.opts.userMax;
      if (over > 0) byUser.nextAt = now + Math.min(this.opts.userDelayMs * 2 ** (over - 1), this.opts.userMaxDelayMs);
      return { address, user };
    });
  }

  /** The password was right: clear what this user's attempts from this address counted. */
  succeed({ address, user }: Reservation, now = Date.now()): Promise<void> {
    return this.counters.update(address, user, now, (entries) => {
      entries.address?.byUser.delete(user);
      // Only this attempt is refunded: a success must not wipe guesses made at the name from elsewhere.
      if (entries.user) entries.user.failures = Math.max(0, entries.user.failures - 1);
    });
  }

  /** The password was never checked (the server was busy): the attempt does not count. */
  release({ address, user }: Reservation, now = Date.now()): Promise<void> {
    return this.counters.update(address, user, now, (entries) => {
      const byAddress = entries.address;
      const n = byAddress?.byUser.get(user) ?? 0;
      if (byAddress && n > 1) byAddress.byUser.set(user, n - 1);
      else byAddress?.byUser.delete(user);
      const byUser = entries.user;
      if (byUser) {
        byUser.failures = Math.max(0, byUser.failures - 1);
        if (byUser.failures <= this.opts.userMax) byUser.nextAt = 0;
      }
    });
  }

  private addressEntry(entries: LimitEntries, now: number): AddressEntry {
    if (!entries.address || entries.address.resetAt <= now)
      entries.address = { resetAt: now + this.opts.windowMs, byUser: new Map() };
    return entries.address;
  }

  private userEntry(entries: LimitEntries, stamp: string | undefined, now: number): UserEntry {
    const entry = entries.user;
    // Quiet for a whole window, or a new password: start over.
    if (!entry || entry.stamp !== stamp || now - entry.last > this.opts.windowMs)
      entries.user = { failures: 0, last: now, nextAt: 0, stamp, expiresAt: now + this.opts.windowMs };
    return entries.user as UserEntry;
  }
}

export const isRefusal = (r: Reservation | Refusal): r is Refusal => 'reason' in r;

function prune<T>(map: Map<string, T>, expired: (entry: T) => boolean): void {
  for (const [key, entry] of map) if (expired(entry)) map.delete(key);
  // Still full (many addresses or names at once): forget the oldest half.
  if (map.size >= MAX_TRACKED) [...map.keys()].slice(0, MAX_TRACKED / 2).forEach((key) => map.delete(key));
}

/**
 * Password checks allowed at once: one core is always left to the event loop (which answers every other
 * request), and at most 2 of libuv's 4 worker threads go to scrypt (static files need the others).
 */
export const DEFAULT_CHECKS_AT_ONCE = Math.max(1, Math.min(2, availableParallelism() - 1));

/**
 * At most `limit` password checks (scrypt: ~32 MB and tens of ms of CPU each) run at once; up to `queue`
 * more wait their turn, the rest are refused at once.
 */
export class CheckGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly limit = DEFAULT_CHECKS_AT_ONCE,
    private readonly queue = 16,
  ) {}

  /** Checks running and waiting now. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  /** Runs `check` when a slot is free; undefined when too many are already waiting. */
  async run<T>(check: () => Promise<T>): Promise<T | undefined> {
    if (this.running >= this.limit) {
      if (this.waiting.length >= this.queue) return undefined;
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else this.running += 1;
    try {
      return await check();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, so `running` stays the same.
      if (next) next();
      else this.running -= 1;
    }
  }
}
