// Serialises the read-compare-write of a project inside this process (a promise chain per project id), so two
// saves carrying the same If-Match cannot both pass the check. Several instances would need a shared lock
// (e.g. a PostgreSQL advisory lock) instead: decision 22 in docs/decisions.md.

export class KeyedLock {
  private readonly tails = new Map<number, Promise<void>>();

  async run<T>(key: number, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    await previous;
    try {
      return await task();
    } finally {
      release();
      // Forget the chain when nobody queued behind us, so the map does not grow with every project ever saved.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  get size(): number {
    return this.tails.size;
  }
}
