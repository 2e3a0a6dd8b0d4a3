import { z } from 'zod/mini';

// One row of the save history as GET /app-api/projects/:id/history answers it. The server shapes every stored
// row (also ones written by older versions) to this schema before answering, so the console can show it.

/**
 * save: a save through the console that got its answer. answer_lost: a save whose answer was lost (timeout,
 * dropped connection) but that the upstream applied, as a re-read showed. outside: values found changed
 * since the last recorded save, by something other than this console. revert: a save that put back older values.
 */
export const HISTORY_KINDS = ['save', 'answer_lost', 'outside', 'revert'] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

const secretChangeSchema = z.object({ field: z.string(), secret: z.enum(['replaced', 'cleared']) });
const valueChangeSchema = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });
export const historyChangeSchema = z.union([secretChangeSchema, valueChangeSchema]);
export type HistoryChange = z.infer<typeof historyChangeSchema>;
export type SecretChange = z.infer<typeof secretChangeSchema>;

export const historyEntrySchema = z.object({
  id: z.number(),
  time: z.string(),
  user: z.string(),
  projectId: z.number(),
  // A kind this console does not know yet (a newer server) is shown as a plain save.
  kind: z.catch(z.enum(HISTORY_KINDS), 'save'),
  changes: z.array(historyChangeSchema),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const historyPageSchema = z.object({
  count: z.number(),
  page: z.number(),
  pageSize: z.number(),
  results: z.array(historyEntrySchema),
});
export type HistoryPage = z.infer<typeof historyPageSchema>;

export const isSecretChange = (change: HistoryChange): change is SecretChange => 'secret' in change;

const UNREADABLE = '(unreadable)';

/**
 * Any stored list of changes, as valid changes: a value change always has before and after (null when the
 * record lacks one), and anything unreadable becomes a change of the field "(unreadable)" holding its text.
 */
export function normaliseChanges(stored: unknown): HistoryChange[] {
  if (!Array.isArray(stored)) return [{ field: UNREADABLE, before: null, after: JSON.stringify(stored) ?? null }];
  return stored.map((item): HistoryChange => {
    if (typeof item !== 'object' || item === null || typeof (item as { field?: unknown }).field !== 'string')
      return { field: UNREADABLE, before: null, after: JSON.stringify(item) ?? null };
    const { field, secret, before, after } = item as Record<string, unknown>;
    if (secret === 'replaced' || secret === 'cleared') return { field: field as string, secret };
    return { field: field as string, before: before ?? null, after: after ?? null };
  });
}
