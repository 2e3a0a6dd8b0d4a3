// The compatibility check behind `npm run doctor`: read-only calls against a Cekura API (or the emulator)
// with a key, and a report of what the console relies on. It never writes (GET only) and sends the key
// only to the configured API's own origin.
import { PROJECT_FIELD_NAMES, READ_ONLY_FIELDS, SECRET_FIELDS } from '../src/shared/schemas/fields';
import { readProject, unknownProjectFields } from '../src/shared/schemas/project';
import { parseRule } from '../src/shared/rubric/rule';
import { rulesOf } from '../src/shared/schemas/rubric';

export type DoctorResult = { exitCode: 0 | 1 | 2; lines: string[] };

const PROBE_SIZE = 5;
const MAX_PROJECTS = 20;

type Answer = { status: number; json: unknown } | { status: 0; error: string };

export async function runDoctor(opts: { baseUrl: string; apiKey: string; timeoutMs?: number }): Promise<DoctorResult> {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const origin = new URL(base).origin;
  const lines: string[] = [];
  const problems: string[] = [];
  const ok = (text: string) => lines.push(`  ok    ${text}`);
  const bad = (text: string) => {
    lines.push(`  FAIL  ${text}`);
    problems.push(text);
  };
  const note = (text: string) => lines.push(`  note  ${text}`);

  const get = async (pathOrUrl: string): Promise<Answer> => {
    const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${base}${pathOrUrl}`;
    if (new URL(url).origin !== origin)
      return { status: 0, error: `refused to send the key to ${new URL(url).origin}` };
    try {
      const res = await fetch(url, {
        headers: { 'X-CEKURA-API-KEY': opts.apiKey, Accept: 'application/json' },
        signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
      });
      const text = await res.text();
      let json: unknown = null;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        json = text;
      }
      return { status: res.status, json };
    } catch (error) {
      return { status: 0, error: (error as Error).message };
    }
  };

  lines.push(`Cekura compatibility report for ${base} (read-only: only GET requests are made)`);
  const list = await get('/user/v1/projects/');
  if (list.status === 0) {
    lines.push(`  FAIL  not reachable: ${'error' in list ? list.error : ''}`);
    return { exitCode: 2, lines };
  }
  ok('reachable');
  if (list.status === 401 || list.status === 403) {
    lines.push(`  FAIL  the key was refused (${list.status}): ${detailOf(list.json)}`);
    return { exitCode: 2, lines };
  }
  if (list.status !== 200 || !Array.isArray(list.json)) {
    bad(`GET /user/v1/projects/ answered ${list.status} without a list of projects`);
    return finish(lines, problems);
  }
  ok('key valid');
  const projects = (list.json as Record<string, unknown>[]).filter((p) => typeof p?.id === 'number');
  lines.push(
    `Key scope: ${projects.length} project(s): ${projects.map((p) => `${String(p.id)} "${String(p.name ?? '')}"`).join(', ')}`,
  );
  note('whether the key is read-only cannot be seen without writing; the console says so at the first save');

  const first = projects[0];
  if (first) {
    // Without project_id: the lists over everything the key sees have the most rows to page through.
    lines.push('Lists:');
    for (const path of ['/test_framework/v1/aiagents/short_list/', '/dashboards/dashboards/']) {
      await checkPaging(get, path, '', ok, bad, note);
    }
    const from = new Date(Date.now() - 7 * 86_400_000).toISOString();
    await checkPaging(get, '/observability/v2/call-logs/', `timestamp_from=${encodeURIComponent(from)}`, ok, bad, note);
    const metrics = await get(`/test_framework/v1/metrics/?project_id=${String(first.id)}`);
    if (metrics.status === 200 && Array.isArray('json' in metrics ? metrics.json : null)) ok('metrics: a plain list');
    else bad(`metrics: GET answered ${metrics.status} without a list`);
  }

  for (const summary of projects.slice(0, MAX_PROJECTS)) {
    lines.push(`Project ${String(summary.id)}:`);
    const res = await get(`/user/v1/projects/${String(summary.id)}/`);
    if (res.status !== 200 || !('json' in res) || typeof res.json !== 'object' || res.json === null) {
      bad(`project ${String(summary.id)}: GET answered ${res.status}: ${'json' in res ? detailOf(res.json) : ''}`);
      continue;
    }
    checkProject(res.json as Record<string, unknown>, String(summary.id), ok, bad, note);
  }
  if (projects.length > MAX_PROJECTS) note(`only the first ${MAX_PROJECTS} projects were checked`);
  return finish(lines, problems);
}

function finish(lines: string[], problems: string[]): DoctorResult {
  lines.push(
    problems.length === 0
      ? 'Compatible: the console can work with this account.'
      : `Not compatible: ${problems.length} problem(s) above. Do not save from the console until they are understood.`,
  );
  return { exitCode: problems.length === 0 ? 0 : 1, lines };
}

const detailOf = (json: unknown): string =>
  json && typeof json === 'object' && typeof (json as { detail?: unknown }).detail === 'string'
    ? (json as { detail: string }).detail
    : (JSON.stringify(json)?.slice(0, 200) ?? '');

type Page = { count: number; next: string | null; results: { id?: unknown }[] };
const isPage = (json: unknown): json is Page =>
  !!json &&
  typeof json === 'object' &&
  typeof (json as Page).count === 'number' &&
  Array.isArray((json as Page).results) &&
  ((json as Page).next === null || typeof (json as Page).next === 'string' || (json as Page).next === undefined);

/** Asks for a small page, then follows `next` once: honoured page_size, and whether `next` pages correctly. */
async function checkPaging(
  get: (p: string) => Promise<Answer>,
  path: string,
  query: string,
  ok: (t: string) => void,
  bad: (t: string) => void,
  note: (t: string) => void,
): Promise<void> {
  const first = await get(`${path}?${query ? `${query}&` : ''}page_size=${PROBE_SIZE}`);
  if (first.status !== 200 || !('json' in first) || !isPage(first.json)) {
    bad(`${path}: answered ${first.status} without a page {count, next, results}`);
    return;
  }
  const page = first.json;
  const expected = Math.min(PROBE_SIZE, page.count);
  if (page.results.length === expected) ok(`${path}: honours page_size (${PROBE_SIZE})`);
  else if (page.results.length < expected)
    note(`${path}: returned ${page.results.length} rows for page_size=${PROBE_SIZE} (a cap): compatible if next pages`);
  else bad(`${path}: returned ${page.results.length} rows for page_size=${PROBE_SIZE}`);
  if (page.count <= page.results.length) {
    if (page.next) bad(`${path}: has a next link although page 1 holds all ${page.count}`);
    else note(`${path}: only ${page.count} row(s): paging not exercised`);
    return;
  }
  if (!page.next) {
    bad(`${path}: count is ${page.count} but page 1 (${page.results.length} rows) has no next link`);
    return;
  }
  const second = await get(page.next);
  if (second.status !== 200 || !('json' in second) || !isPage(second.json)) {
    bad(`${path}: the next link answered ${second.status}${'error' in second ? ` (${second.error})` : ''}`);
    return;
  }
  const seen = new Set(page.results.map((r) => r.id));
  const overlap = second.json.results.filter((r) => seen.has(r.id)).length;
  if (second.json.results.length === 0 || overlap > 0 || second.json.count !== page.count)
    bad(`${path}: the next page repeats rows or changes count`);
  else ok(`${path}: paginates with next`);
}

const EXPECTED_FIELDS = [
  'id',
  ...PROJECT_FIELD_NAMES.filter((f) => !(SECRET_FIELDS as readonly string[]).includes(f)),
  ...READ_ONLY_FIELDS.filter((f) => f.endsWith('_configured')),
];

function checkProject(
  raw: Record<string, unknown>,
  id: string,
  ok: (t: string) => void,
  bad: (t: string) => void,
  note: (t: string) => void,
): void {
  const unknown = unknownProjectFields(raw).map(([key]) => key);
  if (unknown.length) note(`fields unknown to the console (shown read-only, never sent): ${unknown.join(', ')}`);
  else ok('no unknown fields');
  const missing = EXPECTED_FIELDS.filter((f) => !(f in raw));
  if (missing.length) bad(`project ${id}: fields missing: ${missing.join(', ')}`);
  else ok('no field missing');
  const { notes } = readProject(raw);
  // The console opens such a project and shows a warning at the field (the value stays until edited):
  // reported, not counted as incompatible.
  if (notes.length)
    note(
      `values the console's read schemas reject (shown as warnings at the fields): ${notes.map((n) => `${n.field} (${n.message})`).join('; ')}`,
    );
  else ok('every value reads');
  const rules = rulesOf(raw.rubric_config);
  const odd = rules
    .map((rule, i) => ({ i, parsed: parseRule(rule) }))
    .filter(({ parsed }) => parsed.kind === 'malformed');
  if (odd.length)
    bad(
      `project ${id}: rubric rules the builder cannot represent: ${odd
        .map(({ i, parsed }) => `rule ${i + 1}${'reason' in parsed ? ` (${parsed.reason})` : ''}`)
        .join('; ')}`,
    );
  else ok(`rubric: all ${rules.length} rule(s) representable`);
}
