// DRF list answers carry absolute `next` / `previous` URLs on the upstream's host. The browser must never
// follow those (it would bypass this server and need the key): each is rewritten to this server's own
// `/api/...` path for the same operation, with the query filtered exactly as a request from the browser is.
import { filterQuery, type Operation } from './allowlist';

export type LinkRewrite = { ok: true; body: Buffer } | { ok: false; detail: string };

/** Operations whose answers are DRF pages. */
export const PAGED_OPERATIONS: ReadonlySet<string> = new Set(['listAgents', 'listDashboards', 'listCallLogs']);

/**
 * The console's path for one upstream link, or null when it is not the same operation with allowed
 * parameters. Only the path and query are kept: the host of the link does not matter and is never used.
 */
export function consoleLink(link: string, op: Operation, upstreamBaseUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(link, `${upstreamBaseUrl}/`);
  } catch {
    return null;
  }
  // A gateway may mount the API below a path prefix (CEKURA_API_URL=https://host/prefix): strip it.
  const prefix = new URL(`${upstreamBaseUrl}/`).pathname.replace(/\/$/, '');
  if (!url.pathname.startsWith(`${prefix}/`)) return null;
  const path = url.pathname.slice(prefix.length);
  if (!op.pattern.test(path)) return null;
  const query = filterQuery(op, url.search.replace(/^\?/, ''));
  if (typeof query !== 'string') return null;
  return `/api${path}${query ? `?${query}` : ''}`;
}

/** Rewrites `next` and `previous` of a page; anything that is not a page object passes unchanged. */
export function rewritePageLinks(body: Buffer, op: Operation, upstreamBaseUrl: string): LinkRewrite {
  let page: unknown;
  try {
    page = JSON.parse(body.toString('utf8'));
  } catch {
    return { ok: true, body };
  }
  if (typeof page !== 'object' || page === null || Array.isArray(page)) return { ok: true, body };
  const record = page as Record<string, unknown>;
  for (const key of ['next', 'previous']) {
    const link = record[key];
    if (typeof link !== 'string' || link === '') continue;
    const rewritten = consoleLink(link, op, upstreamBaseUrl);
    if (rewritten === null)
      return {
        ok: false,
        detail: `The Cekura API answered a list whose "${key}" link the console cannot follow (another operation or parameters it does not allow).`,
      };
    record[key] = rewritten;
  }
  return { ok: true, body: Buffer.from(JSON.stringify(record)) };
}
