import { queryOptions, useQuery } from '@tanstack/react-query';
import { readProject, type Project, type ProjectNote, type ProjectPatch } from '../../shared/schemas/project';
import { apiRequest, upstreamPath } from './client';
import { queryKeys } from './keys';

// The project list (picker) and one project with its ETag (the form's base snapshot).

export interface ProjectSnapshot {
  project: Project;
  notes: ProjectNote[];
  /** The admin server's ETag for exactly this version: sent back as If-Match on save. */
  etag: string;
  /** A read: the admin server still has a write of this project in flight (X-Write-Pending). */
  writePending?: boolean;
  /** A save: false when the admin server could not record it in the history (X-History-Recorded). */
  historyRecorded?: boolean;
}

export interface ProjectListItem {
  id: number;
  name: string;
  isDeleted: boolean;
}

/** The list is a plain JSON array of projects; odd entries are shown as best we can, never refused. */
export function readProjectList(json: unknown): ProjectListItem[] {
  if (!Array.isArray(json)) throw new Error('The API returned a project list that is not a list.');
  return json
    .filter(
      (item): item is Record<string, unknown> => !!item && typeof item === 'object' && typeof item.id === 'number',
    )
    .map((item) => ({
      id: item.id as number,
      name: typeof item.name === 'string' && item.name.trim() ? item.name : `Project ${item.id}`,
      isDeleted: item.is_deleted === true,
    }));
}

export async function fetchProjects(signal?: AbortSignal): Promise<ProjectListItem[]> {
  const { data } = await apiRequest(upstreamPath('/user/v1/projects/'), { signal });
  return readProjectList(data);
}

export async function fetchProject(id: number, signal?: AbortSignal): Promise<ProjectSnapshot> {
  const { data, etag, headers } = await apiRequest(upstreamPath(`/user/v1/projects/${id}/`), { signal });
  return { ...readProject(data), etag: etag ?? '', writePending: headers.get('X-Write-Pending') === 'true' };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The project once no write of it is in flight on the admin server: after a save whose answer was lost, an
 * earlier read could show the old values while the write is about to land. The server holds a write at most
 * 2 x its timeout; after maxWaitMs the last read is returned as it is (still marked writePending).
 */
export async function fetchSettledProject(id: number, maxWaitMs = 90_000): Promise<ProjectSnapshot> {
  const deadline = Date.now() + maxWaitMs;
  let delay = 250;
  for (;;) {
    const snapshot = await fetchProject(id);
    if (!snapshot.writePending || Date.now() + delay > deadline) return snapshot;
    await sleep(delay);
    delay = Math.min(delay * 2, 2000);
  }
}

export async function patchProject(
  id: number,
  patch: ProjectPatch,
  etag: string,
  opts: { revert?: boolean } = {},
): Promise<ProjectSnapshot> {
  const {
    data,
    etag: newEtag,
    headers,
  } = await apiRequest(upstreamPath(`/user/v1/projects/${id}/`), {
    method: 'PATCH',
    body: patch,
    // A revert is recorded as one in the history.
    headers: { 'If-Match': etag, ...(opts.revert ? { 'X-Save-Kind': 'revert' } : {}) },
  });
  return {
    ...readProject(data),
    etag: newEtag ?? '',
    historyRecorded: headers.get('X-History-Recorded') !== 'false',
  };
}

export const projectsQuery = () =>
  queryOptions({ queryKey: queryKeys.projects(), queryFn: ({ signal }) => fetchProjects(signal) });

// The snapshot is the form's base: it changes only on purpose (load, save, reload), never in the background.
export const projectQuery = (id: number) =>
  queryOptions({
    queryKey: queryKeys.project(id),
    queryFn: ({ signal }) => fetchProject(id, signal),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });

export const useProjects = () => useQuery(projectsQuery());

/**
 * The project list if this tab already has it (the picker, a cross-project page), without asking for it: a
 * project page does not need the list, and on a large account it is the biggest answer of a cold load (65
 * projects, 437 KB on the demo + scale seed, most of it other projects' rubrics). Follows the cache, so it
 * fills in if another page loads the list.
 */
export const useKnownProjects = () => useQuery({ ...projectsQuery(), enabled: false });
export const useProject = (id: number) => useQuery({ ...projectQuery(id), enabled: Number.isInteger(id) && id > 0 });
