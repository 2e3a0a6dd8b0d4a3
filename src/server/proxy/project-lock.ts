// Serialises the read-compare-write of a project inside this process (a promise chain per project id), so two
// saves carrying the same If-Match cannot both pass the check. A write whose answer is late keeps the lock
// until it settles, so a later save is compared with what the upstream really holds. With PostgreSQL (several
// replicas) a save queues here first, then takes the project's advisory lock (src/server/store/postgres.ts):
// decision 22 in docs/decisions.md.

export class KeyedLock {
  private readonly tails = new Map<number, Promise<void>>();

  /**
   * Waits for the key's turn (at most waitMs) and returns the function that ends it, or null when the wait ran
   * out. A waiter that gave up still takes its turn in the chain and passes it on at once.
   */
  async acquire(key: number, waitMs = Infinity): Promise<(() => void) | null> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let resolveMine!: () => void;
    const mine = new Promise<void>((resolve) => (resolveMine = resolve));
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      resolveMine();
      // Forget the chain when nobody queued behind us, so the map does not grow with every project ever saved.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    };
    if (waitMs === Infinity) {
      await previous;
      return release;
    }
    let timer: NodeJS.Timeout | undefined;
    const gotTurn = await Promise.race([
      previous.then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), waitMs))),
    ]);
    clearTimeout(timer);
    if (gotTurn) return release;
    void previous.then(release);
    return null;
  }

  async run<T>(key: number, task: () => Promise<T>): Promise<T> {
    const release = (await this.acquire(key)) as () => void;
    try {
      return await task();
    } finally {
      release();
    }
  }

  get size(): number {
    return this.tails.size;
  }
}
