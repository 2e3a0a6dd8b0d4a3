import { useSyncExternalStore } from 'react';

// What an import or a copy translated (foreign ids -> this project's items, or dropped) and chose (webhook,
// rubric), kept per project until the next save is confirmed, so the review shows it next to the change.

export interface MappingNote {
  title: string;
  lines: string[];
  /** The fields the note is about: shown only while the draft still changes one of them. */
  fields: string[];
}

const notes = new Map<number, MappingNote>();
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((listener) => listener());

export function setMappingNote(projectId: number, note: MappingNote | null): void {
  if (note && note.lines.length) notes.set(projectId, note);
  else notes.delete(projectId);
  emit();
}

export function useMappingNote(projectId: number): MappingNote | undefined {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => notes.get(projectId),
  );
}
