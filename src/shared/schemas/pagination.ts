import { z } from 'zod/mini';

/** DRF's page wrapper: `{count, next, previous, results}`. */
export function paginated<T extends z.ZodMiniType>(item: T) {
  return z.looseObject({
    count: z.number(),
    next: z.nullable(z.optional(z.string())),
    previous: z.nullable(z.optional(z.string())),
    results: z.array(item),
  });
}
