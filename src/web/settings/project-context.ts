import { createContext, useContext } from 'react';
import type { Project, ProjectNote } from '../../shared/schemas/project';

// What every section may read about the open project besides the form itself (fixed interface).
export interface ProjectContextValue {
  projectId: number;
  /** The last server snapshot: the base the form's changes are measured against. */
  project: Project;
  etag: string;
  /** Odd stored values found when reading the project: shown as warnings at their fields. */
  notes: ProjectNote[];
  /** The API key cannot write (a save got 403): inputs stay visible, saving is off. */
  readOnly: boolean;
  mode: 'emulator' | 'live';
}

export const ProjectContext = createContext<ProjectContextValue | null>(null);

export function useProjectContext(): ProjectContextValue {
  const value = useContext(ProjectContext);
  if (!value) throw new Error('useProjectContext() is used outside a project page.');
  return value;
}

/** The first note about a field, for its helper text (warning colour; it never blocks a save). */
export function useFieldNote(field: string): string | undefined {
  return useProjectContext().notes.find((note) => note.field === field)?.message;
}
