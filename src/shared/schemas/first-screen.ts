import { z } from 'zod/mini';
import { SECTION_IDS, type SectionId } from './fields';

// The first screen of a project page (`/projects/1837/general`): which project and section it shows, and the
// data the admin server puts into that page's index.html so the app need not ask for it after it has booted.

/** The id of the inert `<script type="application/json">` element carrying FirstScreenData. */
export const FIRST_SCREEN_ELEMENT_ID = 'cekura-first-screen';

/**
 * What index.html may carry: the app config (GET /app-api/config), the session (GET /app-api/session) and the
 * project as a GET through the admin server answered it (body, ETag, X-Write-Pending). Any may be missing: the
 * app then fetches it as usual.
 */
export const firstScreenDataSchema = z.object({
  config: z.optional(z.unknown()),
  session: z.optional(z.unknown()),
  project: z.optional(z.object({ id: z.number(), etag: z.string(), writePending: z.boolean(), data: z.unknown() })),
});
export type FirstScreenData = z.infer<typeof firstScreenDataSchema>;

/** What the first screen at `pathname` shows: a project (and which of its sections), or no project. */
export function firstScreenOf(pathname: string): { projectId: number; section: SectionId | null } | null {
  const match = /^\/projects\/(\d+)(?:\/([a-z-]+))?\/?$/.exec(pathname);
  if (!match) return null;
  const projectId = Number(match[1]);
  if (!Number.isSafeInteger(projectId) || projectId <= 0) return null;
  const section = match[2] ?? 'general'; // /projects/:id opens General
  return { projectId, section: SECTION_IDS.includes(section as SectionId) ? (section as SectionId) : null };
}
