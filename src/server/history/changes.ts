import { PROJECT_FIELDS, SECRET_FIELDS, type ProjectField } from '../../shared/schemas/project';

// What a save changed, for the history: each field of the PATCH body with its value before and after.
// Secrets are recorded only as "changed" or "cleared": never a value, not even a legacy clear-text one.

export type HistoryChange =
  { field: string; before: unknown; after: unknown } | { field: string; secret: 'replaced' | 'cleared' };

export function historyChanges(
  patchBody: Record<string, unknown>,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): HistoryChange[] {
  return Object.keys(patchBody).map((field) => {
    if ((SECRET_FIELDS as string[]).includes(field))
      return { field, secret: patchBody[field] === '' ? 'cleared' : 'replaced' };
    return { field, before: before[field] ?? null, after: after[field] ?? null };
  });
}

export const isKnownField = (field: string): field is ProjectField => field in PROJECT_FIELDS;
