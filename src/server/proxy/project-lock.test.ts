import { describe, expect, it } from 'vitest';
import { KeyedLock } from './project-lock';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('KeyedLock', () => {
  it('runs tasks of one key one at a time, in arrival order, even when one fails', async () => {
    const lock = new KeyedLock();
    const events: string[] = [];
    const task = (name: string, ms: number, fail = false) =>
      lock.run(1, async () => {
        events.push(`${name}:start`);
        await tick(ms);
        events.push(`${name}:end`);
        if (fail) throw new Error(name);
        return name;
      });
    const results = await Promise.allSettled([task('a', 30), task('b', 5, true), task('c', 1)]);
    expect(events).toEqual(['a:start', 'a:end', 'b:start', 'b:end', 'c:start', 'c:end']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(lock.size).toBe(0);
  });

  it('runs different keys concurrently', async () => {
    const lock = new KeyedLock();
    const events: string[] = [];
    await Promise.all(
      [1, 2].map((key) =>
        lock.run(key, async () => {
          events.push(`${key}:start`);
          await tick(10);
          events.push(`${key}:end`);
        }),
      ),
    );
    expect(events.slice(0, 2).sort()).toEqual(['1:start', '2:start']);
  });
});

describe('KeyedLock.acquire', () => {
  it('gives up after waitMs, yet passes its turn on so later waiters are not stuck', async () => {
    const lock = new KeyedLock();
    const first = (await lock.acquire(7)) as () => void;
    expect(await lock.acquire(7, 20)).toBeNull();
    const third = lock.acquire(7);
    first();
    const release = await third;
    expect(release).toBeTypeOf('function');
    release?.();
    expect(lock.size).toBe(0);
  });
});
