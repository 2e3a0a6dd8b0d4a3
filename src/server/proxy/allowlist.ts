// The only upstream operations the console may reach, matched on the RAW request URL (before any decoding or
// normalisation by the router), so that encoded or relative tricks can never turn into another upstream path.

/**
 * What a query value must look like, after the vendor's OpenAPI subset (src/shared/reference): `id` a positive
 * 32-bit integer (ids, page numbers and sizes), `id-list` comma-separated ids, `datetime` an RFC 3339 / ISO 8601
 * date-time, `text` any string up to 2,000 characters, `nonempty` the same with minLength 1.
 */
export type ParamKind = 'id' | 'id-list' | 'bool' | 'datetime' | 'text' | 'nonempty';

export type OperationId =
  | 'listProjects'
  | 'getProject'
  | 'patchProject'
  | 'testWebhook'
  | 'listMetrics'
  | 'listAgents'
  | 'listDashboards'
  | 'listCallLogs';

export type Operation = {
  id: OperationId;
  method: 'GET' | 'PATCH' | 'POST';
  /** Matches the upstream path (the request path without its /api prefix); group 1 = project id if any. */
  pattern: RegExp;
  /** Query parameters the vendor documents for this operation (the OpenAPI subset), nothing else. */
  query: Readonly<Record<string, ParamKind>>;
};

const ID = '([1-9][0-9]{0,9})';

export const OPERATIONS: readonly Operation[] = [
  {
    id: 'listProjects',
    method: 'GET',
    pattern: /^\/user\/v1\/projects\/$/,
    query: { organization_id: 'id', project_id: 'id' },
  },
  { id: 'getProject', method: 'GET', pattern: new RegExp(`^/user/v1/projects/${ID}/$`), query: {} },
  { id: 'patchProject', method: 'PATCH', pattern: new RegExp(`^/user/v1/projects/${ID}/$`), query: {} },
  { id: 'testWebhook', method: 'POST', pattern: new RegExp(`^/user/v1/projects/${ID}/test-webhook/$`), query: {} },
  {
    id: 'listMetrics',
    method: 'GET',
    pattern: /^\/test_framework\/v1\/metrics\/$/,
    query: {
      agent_id: 'id',
      project_id: 'id',
      assistant_id: 'text',
      agents: 'id-list',
      slug: 'text',
      filters: 'text',
      include_scores: 'bool',
    },
  },
  {
    id: 'listAgents',
    method: 'GET',
    pattern: /^\/test_framework\/v1\/aiagents\/short_list\/$/,
    query: { page: 'id', page_size: 'id', project_id: 'id', organization_id: 'id', q: 'text' },
  },
  {
    id: 'listDashboards',
    method: 'GET',
    pattern: /^\/dashboards\/dashboards\/$/,
    query: { page: 'id', page_size: 'id', project_id: 'id' },
  },
  {
    id: 'listCallLogs',
    method: 'GET',
    pattern: /^\/observability\/v2\/call-logs\/$/,
    query: {
      page: 'id',
      page_size: 'id',
      timestamp_from: 'datetime',
      timestamp_to: 'datetime',
      call_ids: 'id-list',
      agent_id: 'id',
      project_id: 'id',
      assistant_id: 'nonempty',
      filters_v2: 'nonempty',
    },
  },
];

export type ApiMatch = {
  kind: 'op';
  op: Operation;
  upstreamPath: string;
  projectId: number | null;
  /** Re-encoded query string without '?' ('' when none). */
  search: string;
};

export type UrlVerdict =
  | ApiMatch
  | { kind: 'other' } // not under /api and not suspicious: the rest of the app handles it
  | { kind: 'reject'; status: 404 | 400; detail: string };

const NOT_FOUND = { kind: 'reject', status: 404, detail: 'Not found' } as const;

// Encoded dot, slash, backslash, percent or NUL: never legitimate in any path this server serves.
const ENCODED_TRICK = /%(2e|2f|5c|25|00)/i;

function splitRawUrl(rawUrl: string): { path: string; query: string } {
  const q = rawUrl.indexOf('?');
  return q === -1 ? { path: rawUrl, query: '' } : { path: rawUrl.slice(0, q), query: rawUrl.slice(q + 1) };
}

/** True when the raw URL is unsafe anywhere in this server (absolute form, //host, traversal, backslashes). */
function isUnsafeUrl(rawUrl: string, path: string): boolean {
  return (
    !path.startsWith('/') ||
    path.startsWith('//') ||
    path.includes('//') ||
    path.includes('..') ||
    rawUrl.includes('\\') ||
    rawUrl.includes('#') ||
    ENCODED_TRICK.test(path)
  );
}

export function isApiNamespace(path: string): boolean {
  return path.toLowerCase().startsWith('/api');
}

/** Classifies a request by its method and raw URL (req.raw.url). */
export function classifyRequest(method: string, rawUrl: string): UrlVerdict {
  const { path, query } = splitRawUrl(rawUrl);
  if (isUnsafeUrl(rawUrl, path)) return NOT_FOUND;
  if (!isApiNamespace(path)) return { kind: 'other' };
  // Under /api nothing may be encoded at all: every allowed path is plain ASCII.
  if (path.includes('%') || !path.startsWith('/api/')) return NOT_FOUND;

  const upstreamPath = path.slice('/api'.length);
  for (const op of OPERATIONS) {
    if (op.method !== method) continue;
    const m = op.pattern.exec(upstreamPath);
    if (!m) continue;
    const filtered = filterQuery(op, query);
    if (typeof filtered !== 'string') return filtered;
    return { kind: 'op', op, upstreamPath, projectId: m[1] ? Number(m[1]) : null, search: filtered };
  }
  return NOT_FOUND;
}

const MAX_INT32 = 2 ** 31 - 1;
const isId = (v: string) => /^[1-9][0-9]{0,9}$/.test(v) && Number(v) <= MAX_INT32;

// RFC 3339 date-time (the OpenAPI "date-time" format): date, 'T', time, optional fraction, Z or an offset.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-](\d{2}):(\d{2}))$/;

/** A real calendar date and clock time: Date.parse alone would take 2024-02-31 for 2 March. */
export function isDateTime(v: string): boolean {
  const m = DATE_TIME.exec(v);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const offsetOk = m[9] === undefined || (Number(m[9]) <= 23 && Number(m[10]) <= 59);
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 60 &&
    offsetOk
  );
}

const VALUE_CHECKS: Record<ParamKind, (value: string) => boolean> = {
  id: isId,
  'id-list': (v) => v.length <= 6000 && v.split(',').length <= 500 && v.split(',').every(isId),
  bool: (v) => v === 'true' || v === 'false',
  datetime: isDateTime,
  text: (v) => v.length <= 2000,
  nonempty: (v) => v.length >= 1 && v.length <= 2000,
};

const EXPECTED: Record<ParamKind, string> = {
  id: 'a positive whole number',
  'id-list': 'positive whole numbers separated by commas',
  bool: 'true or false',
  datetime: 'an ISO 8601 date-time such as 2025-01-31T23:59:59Z',
  text: 'at most 2000 characters',
  nonempty: '1 to 2000 characters',
};

/**
 * Keeps only the documented parameters, each once and well-formed, re-encoded with URLSearchParams.
 * An unknown, repeated or malformed parameter is refused with 400 (not silently dropped): a console bug that
 * sends a wrong filter should fail loudly rather than show unfiltered data.
 */
export function filterQuery(op: Operation, rawQuery: string): string | { kind: 'reject'; status: 400; detail: string } {
  if (rawQuery === '') return '';
  const out = new URLSearchParams();
  for (const [name, value] of new URLSearchParams(rawQuery)) {
    const kind = Object.hasOwn(op.query, name) ? op.query[name] : undefined;
    if (!kind)
      return {
        kind: 'reject',
        status: 400,
        detail: `Query parameter "${name.slice(0, 64)}" is not allowed for this operation`,
      };
    if (out.has(name)) return { kind: 'reject', status: 400, detail: `Query parameter "${name}" is repeated` };
    if (!VALUE_CHECKS[kind](value))
      return { kind: 'reject', status: 400, detail: `Query parameter "${name}" must be ${EXPECTED[kind]}` };
    out.append(name, value);
  }
  return out.toString();
}
