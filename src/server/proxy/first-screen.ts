// The first screen of a project page, served with index.html: the app config, the request's session (as GET
// /app-api/session answers it) and the project (read from the upstream for this very request, never cached) as
// inert JSON, and <link rel="modulepreload"> for the code of the section the address names. Without them the app
// asks for the data, and for the section's chunks, only after its entry script has run (150-200 ms on the
// bench's machine).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FIRST_SCREEN_ELEMENT_ID } from '../../shared/schemas/first-screen';
import { SECTION_IDS, type SectionId } from '../../shared/schemas/fields';
import type { ApiContext } from './api-answer';
import { etagOf } from './etag';
import { callUpstream } from './upstream';

/**
 * How long index.html waits for the project. The page's head (and so its scripts) goes out at once; only the
 * end of the document waits, and the app's scripts run when it has arrived. Past this the page ends without
 * the project and the app fetches it as it would anyway.
 */
export const FIRST_SCREEN_WAIT_MS = 250;

/** A project GET as the admin server answers it (see read-path.ts), for the page's JSON. */
export type FirstScreenProject = { id: number; etag: string; writePending: boolean; body: string };

/**
 * One read of the project from the upstream, bounded by `waitMs` (no retries: the app's own fetch retries).
 * Undefined on any failure or an answer that is not a JSON object: the app then fetches the project itself.
 */
export async function readFirstScreenProject(
  ctx: Pick<ApiContext, 'upstream' | 'pendingWrites'>,
  projectId: number,
  waitMs = FIRST_SCREEN_WAIT_MS,
): Promise<FirstScreenProject | undefined> {
  const pendingBefore = ctx.pendingWrites.has(projectId);
  const res = await callUpstream(
    { ...ctx.upstream, timeoutMs: Math.min(waitMs, ctx.upstream.timeoutMs) },
    { method: 'GET', path: `/user/v1/projects/${projectId}/`, search: '' },
  );
  if (!res.ok || res.status !== 200 || !/\bjson\b/i.test(res.contentType ?? '')) return undefined;
  const body = res.body.toString('utf8');
  try {
    const value: unknown = JSON.parse(body);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  } catch {
    return undefined;
  }
  return {
    id: projectId,
    etag: etagOf(res.body),
    writePending: pendingBefore || ctx.pendingWrites.has(projectId),
    body,
  };
}

// `<` would let the text end the element (`</script>`) or open a comment (`<!--`); U+2028/2029 are escaped
// as well, as every JSON-in-HTML guide does. Valid JSON has these characters only inside strings, where the
// \u escapes mean the same characters.
const UNSAFE_IN_SCRIPT = /[<\u2028\u2029]/g;
const escapeJson = (json: string) =>
  json.replace(UNSAFE_IN_SCRIPT, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * The inert `<script type="application/json">` element with the first screen's data (FirstScreenData in
 * src/shared/schemas/first-screen.ts). `project.body` must be JSON (readFirstScreenProject checked it).
 */
export function firstScreenElement(data: { config: unknown; session?: unknown; project?: FirstScreenProject }): string {
  const project = data.project
    ? `,"project":{"id":${data.project.id},"etag":${JSON.stringify(data.project.etag)},"writePending":${data.project.writePending},"data":${data.project.body}}`
    : '';
  const session = data.session === undefined ? '' : `,"session":${JSON.stringify(data.session)}`;
  const json = `{"config":${JSON.stringify(data.config)}${session}${project}}`;
  return `<script type="application/json" id="${FIRST_SCREEN_ELEMENT_ID}">${escapeJson(json)}</script>`;
}

type ManifestChunk = { file: string; imports?: string[]; isEntry?: boolean };

/** Besides a section's own module, what its first screen loads at once (preload.ts): the rubric's metrics. */
const SECTION_EXTRA_MODULES: Partial<Record<SectionId, string[]>> = { rubric: ['src/web/api/metrics.ts'] };

/**
 * Per section, the `<link rel="modulepreload">` tags of its chunk and every chunk that one imports, minus what
 * the entry script already brings (Vite's manifest, dist/.vite/manifest.json). Without a manifest: none.
 */
export function sectionPreloads(distDir: string): Partial<Record<SectionId, string>> {
  const file = path.join(distDir, '.vite', 'manifest.json');
  if (!existsSync(file)) return {};
  let manifest: Record<string, ManifestChunk>;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, ManifestChunk>;
  } catch {
    return {};
  }
  const closure = (keys: string[], into = new Set<string>()) => {
    for (const key of keys) {
      if (into.has(key) || !manifest[key]) continue;
      into.add(key);
      closure(manifest[key].imports ?? [], into);
    }
    return into;
  };
  const entry = closure(Object.keys(manifest).filter((key) => manifest[key].isEntry));
  const tags: Partial<Record<SectionId, string>> = {};
  for (const section of SECTION_IDS) {
    const roots = [`src/web/sections/${section}/index.tsx`, ...(SECTION_EXTRA_MODULES[section] ?? [])];
    const files = [...closure(roots)].filter((key) => !entry.has(key)).map((key) => manifest[key].file);
    tags[section] = files.map((f) => `<link rel="modulepreload" crossorigin href="/${f}">`).join('');
  }
  return tags;
}
