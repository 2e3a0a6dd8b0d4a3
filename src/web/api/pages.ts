import type { z } from 'zod/mini';
import { apiRequest } from './client';

// The one way the console reads the API's answers: fetch, validate with the object's zod schema, and for
// paginated lists follow the pages the server says exist. Nothing here assumes the server honoured the
// page_size asked for: the vendor documents no maximum, so a server may return fewer rows per page.

/** GET a console path and validate the answer; `what` names it in the error ("the agent list"). */
export async function fetchParsed<S extends z.ZodMiniType>(
  path: string,
  schema: S,
  what: string,
  signal?: AbortSignal,
): Promise<z.infer<S>> {
  const { data } = await apiRequest(path, { signal });
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new Error(`The API answered ${what} in a shape the console does not understand.`);
  return parsed.data as z.infer<S>;
}

export interface ListPage<T> {
  count: number;
  next?: string | null;
  results: T[];
}

export interface ReadAllOptions<T> {
  signal?: AbortSignal;
  /** Read at most about this many items (whole pages; the result may hold a few more). */
  limit?: number;
  /** Stop as soon as this holds for what has been read (no completeness check then). */
  until?: (items: readonly T[]) => boolean;
  /** Pages in flight at once. */
  parallel?: number;
}

export interface AllPages<T> {
  items: T[];
  /** The list's size according to the API (page 1's `count`). */
  count: number;
}

// A guard against an upstream that keeps returning `next` for ever.
const MAX_PAGES = 2000;
const DEFAULT_PARALLEL = 4;

/**
 * Every item of a paginated list (or up to `limit`). Page 1 says how many rows a page really holds; when
 * its `next` link is page-numbered, the remaining pages are asked for a few at a time by number (same
 * link, other page) and the union must match `count`; otherwise, or when it does not match (the list
 * changed while read), the pages are read one by one along the `next` links.
 */
export async function fetchAllPages<T extends { id: number }>(
  firstPath: string,
  schema: z.ZodMiniType<ListPage<T>>,
  what: string,
  opts: ReadAllOptions<T> = {},
): Promise<AllPages<T>> {
  const first = await fetchParsed(firstPath, schema, what, opts.signal);
  const want = Math.min(first.count, opts.limit ?? Infinity);
  const done = (items: readonly T[]) => items.length >= want || (opts.until?.(items) ?? false);
  if (!first.next || done(first.results)) return finish(first.results, first.count, what, opts);

  const pageNumbered = numberedPage(first.next, what) === 2 && first.results.length > 0;
  if (pageNumbered) {
    const items = await readByNumber(first, want, schema, what, opts);
    if (items && (opts.until?.(items) || complete(items, want))) return finish(items, first.count, what, opts);
  }
  return finish(await readAlongNext(first, schema, what, opts, done), first.count, what, opts);
}

/** The page number of a console link; throws when the link leaves the console. */
function numberedPage(link: string, what: string): number | null {
  // The admin server rewrites the upstream's links to its own /api/ paths: anything else is not followed.
  if (!link.startsWith('/api/')) throw new Error(`The API answered ${what} with a link the console does not follow.`);
  const page = new URLSearchParams(link.split('?')[1] ?? '').get('page');
  return page && /^\d+$/.test(page) ? Number(page) : null;
}

function withPage(link: string, page: number): string {
  const [path, search = ''] = link.split('?');
  const params = new URLSearchParams(search);
  params.set('page', String(page));
  return `${path}?${params.toString()}`;
}

/** Pages 2.. by number, `parallel` at a time, sized by what page 1 really held; null when a page is short. */
async function readByNumber<T extends { id: number }>(
  first: ListPage<T>,
  want: number,
  schema: z.ZodMiniType<ListPage<T>>,
  what: string,
  opts: ReadAllOptions<T>,
): Promise<T[] | null> {
  const size = first.results.length;
  const lastPage = Math.min(MAX_PAGES, Math.ceil(want / size));
  const link = first.next as string;
  const items = [...first.results];
  const parallel = opts.parallel ?? DEFAULT_PARALLEL;
  for (let page = 2; page <= lastPage; page += parallel) {
    const numbers = Array.from({ length: Math.min(parallel, lastPage - page + 1) }, (_, i) => page + i);
    const pages = await Promise.all(numbers.map((n) => fetchParsed(withPage(link, n), schema, what, opts.signal)));
    for (const [i, p] of pages.entries()) {
      // Every page but the last must be as full as page 1, or the numbering moved under us.
      if (numbers[i] < lastPage && p.results.length !== size) return null;
      items.push(...p.results);
    }
    if (opts.until?.(items)) return items;
  }
  return items;
}

async function readAlongNext<T extends { id: number }>(
  first: ListPage<T>,
  schema: z.ZodMiniType<ListPage<T>>,
  what: string,
  opts: ReadAllOptions<T>,
  done: (items: readonly T[]) => boolean,
): Promise<T[]> {
  const items = [...first.results];
  let next = first.next;
  for (let n = 2; next && n <= MAX_PAGES && !done(items); n++) {
    numberedPage(next, what);
    const page = await fetchParsed(next, schema, what, opts.signal);
    items.push(...page.results);
    if (page.results.length === 0) break;
    next = page.next;
  }
  return items;
}

const uniqueIds = <T extends { id: number }>(items: readonly T[]) => new Set(items.map((item) => item.id)).size;

function complete<T extends { id: number }>(items: readonly T[], want: number): boolean {
  return uniqueIds(items) >= want;
}

/** Duplicates (rows that moved to a later page while read) are dropped; a short union is an error. */
function finish<T extends { id: number }>(
  items: readonly T[],
  count: number,
  what: string,
  opts: ReadAllOptions<T>,
): AllPages<T> {
  const seen = new Set<number>();
  const unique = items.filter((item) => !seen.has(item.id) && seen.add(item.id));
  const want = Math.min(count, opts.limit ?? Infinity);
  if (unique.length < want && !opts.until?.(unique))
    throw new Error(
      `The API said ${what} holds ${count} items but its pages gave ${unique.length}: it may have changed while it was read. Try again.`,
    );
  return { items: unique, count };
}
