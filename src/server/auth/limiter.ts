// Failed logins per client address: after `max` failures within `windowMs` (counted from the first one),
// further attempts are refused until the window ends, whatever the password. In memory: a restart forgets.

export type LimiterOptions = { max: number; windowMs: number };

const MAX_TRACKED = 10_000;

export class LoginLimiter {
  private readonly failures = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly opts: LimiterOptions = { max: 5, windowMs: 15 * 60_000 }) {}

  /** Seconds until this address may try again, or 0 when it may try now. */
  blockedFor(address: string, now = Date.now()): number {
    const entry = this.failures.get(address);
    if (!entry || entry.resetAt <= now) return 0;
    return entry.count >= this.opts.max ? Math.ceil((entry.resetAt - now) / 1000) : 0;
  }

  fail(address: string, now = Date.now()): void {
    const entry = this.failures.get(address);
    if (entry && entry.resetAt > now) entry.count += 1;
    else {
      if (this.failures.size >= MAX_TRACKED) this.prune(now);
      this.failures.set(address, { count: 1, resetAt: now + this.opts.windowMs });
    }
  }

  succeed(address: string): void {
    this.failures.delete(address);
  }

  private prune(now: number): void {
    for (const [address, entry] of this.failures) if (entry.resetAt <= now) this.failures.delete(address);
    // Still full (many addresses failing at once, e.g. spoofed behind a proxy): forget the oldest half.
    if (this.failures.size >= MAX_TRACKED)
      [...this.failures.keys()].slice(0, MAX_TRACKED / 2).forEach((a) => this.failures.delete(a));
  }
}
