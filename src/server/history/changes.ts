import { SECRET_FIELDS } from '../../shared/schemas/project';
import type { HistoryChange } from '../../shared/schemas/history';

// What a save changed, for the history: each field of the PATCH body with its value before and after.
// Secrets are recorded only as "changed" or "cleared": never a value, not even a legacy clear-text one.

export type { HistoryChange };

// Own properties only: a field named like an Object.prototype member must never read that member.
const own = (record: Record<string, unknown>, field: string): unknown =>
  Object.hasOwn(record, field) ? (record[field] ?? null) : null;

export function historyChanges(
  patchBody: Record<string, unknown>,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): HistoryChange[] {
  return Object.keys(patchBody).map((field) => {
    if ((SECRET_FIELDS as string[]).includes(field))
      return { field, secret: patchBody[field] === '' ? 'cleared' : 'replaced' };
    return { field, before: own(before, field), after: own(after, field) };
  });
}
