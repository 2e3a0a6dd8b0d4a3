import { useSyncExternalStore } from 'react';
import { z } from 'zod/mini';
import { lazySchema } from '../../shared/schemas/lazy';

// What an import or a copy translated (foreign ids -> this project's items, or dropped) and chose (webhook,
// rubric), kept per project until the next save is confirmed, so the review shows it next to the change.
// Kept in sessionStorage beside the draft (draft-storage.ts): a reload restores the draft, and with it the
// note that explains where its values came from.

const mappingNoteSchema = lazySchema(() =>
  z.object({
    title: z.string(),
    lines: z.array(z.string()),
    /** The fields the note is about: shown only while the draft still changes one of them. */
    fields: z.array(z.string()),
  }),
);
export type MappingNote = z.infer<typeof mappingNoteSchema>;

export const mappingNoteKey = (projectId: number) => `cekura-console:mapping-note:${projectId}`;

const notes = new Map<number, MappingNote | undefined>();
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((listener) => listener());

function readStored(projectId: number): MappingNote | undefined {
  try {
    const text = sessionStorage.getItem(mappingNoteKey(projectId));
    const parsed = text === null ? undefined : mappingNoteSchema.safeParse(JSON.parse(text));
    return parsed?.success ? parsed.data : undefined;
  } catch {
    return undefined; // storage off or a damaged entry: no note, as before a reload
  }
}

function noteOf(projectId: number): MappingNote | undefined {
  if (!notes.has(projectId)) notes.set(projectId, readStored(projectId)); // once per project: a stable snapshot
  return notes.get(projectId);
}

export function setMappingNote(projectId: number, note: MappingNote | null): void {
  const kept = note && note.lines.length ? note : undefined;
  notes.set(projectId, kept);
  try {
    if (kept) sessionStorage.setItem(mappingNoteKey(projectId), JSON.stringify(kept));
    else sessionStorage.removeItem(mappingNoteKey(projectId));
  } catch {
    // Storage full or off: the note lives until the tab reloads.
  }
  emit();
}

export function useMappingNote(projectId: number): MappingNote | undefined {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => noteOf(projectId),
  );
}
