import { describe, expect, it } from 'vitest';
import { z } from 'zod/mini';
import { lazySchema } from './lazy';

describe('lazySchema', () => {
  it('builds the schema once, at its first use, and then is that schema for every purpose', () => {
    let builds = 0;
    const item = lazySchema(() => {
      builds += 1;
      return z.object({ id: z.number(), name: z.optional(z.string()) });
    });
    expect(builds).toBe(0);
    expect(item.safeParse({ id: 1 }).success).toBe(true);
    expect(item.safeParse({ id: '1' }).success).toBe(false);
    expect(() => item.parse({})).toThrow();
    // Inside other schemas, as zod's own checks of what a schema is.
    const list = z.array(item);
    expect(list.safeParse([{ id: 1, name: 'a' }]).success).toBe(true);
    expect(list.safeParse([{ id: 1, name: 2 }]).success).toBe(false);
    expect(z.optional(item).safeParse(undefined).success).toBe(true);
    expect(item instanceof z.ZodMiniObject).toBe(true);
    expect(builds).toBe(1);
  });
});
