import { describe, expect, it } from 'vitest';
import { CheckGate } from './limiter';

/** A check that finishes when the test says so. */
function heldCheck() {
  let finish!: (value: boolean) => void;
  const done = new Promise<boolean>((resolve) => (finish = resolve));
  return { check: () => done, finish };
}

describe('CheckGate', () => {
  it('runs at most `limit` checks at once, queues `queue` more and refuses the rest at once', async () => {
    const gate = new CheckGate(2, 3);
    const held = Array.from({ length: 6 }, heldCheck);
    const results = held.map((h) => gate.run(h.check));
    // The sixth finds two running and three waiting: refused without running its check.
    await expect(results[5]).resolves.toBeUndefined();
    expect(gate.load).toEqual({ running: 2, waiting: 3 });

    held[0].finish(true);
    await expect(results[0]).resolves.toBe(true);
    // Its slot went straight to the first waiter.
    expect(gate.load).toEqual({ running: 2, waiting: 2 });

    for (const h of held.slice(1, 5)) h.finish(false);
    await expect(Promise.all(results.slice(1, 5))).resolves.toEqual([false, false, false, false]);
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });

  it('frees the slot when a check throws', async () => {
    const gate = new CheckGate(1, 0);
    await expect(gate.run(() => Promise.reject(new Error('scrypt failed')))).rejects.toThrow('scrypt failed');
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
    await expect(gate.run(() => Promise.resolve(true))).resolves.toBe(true);
  });
});
