// Small HTTP helpers shared by the emulator's routes: JSON replies, DRF-like query parsing and pagination.
import type { FastifyReply, FastifyRequest } from 'fastify';

export type Query = Record<string, string | string[] | undefined>;

export function sendJson(reply: FastifyReply, status: number, body: string | object): FastifyReply {
  return reply
    .code(status)
    .type('application/json')
    .send(typeof body === 'string' ? body : JSON.stringify(body));
}

export const detail = (reply: FastifyReply, status: number, message: string): FastifyReply =>
  sendJson(reply, status, { detail: message });
export const notFound = (reply: FastifyReply): FastifyReply => detail(reply, 404, 'Not found.');

/** The last value of a query parameter (DRF reads the last one too). */
export function param(query: Query, name: string): string | undefined {
  const v = query[name];
  return Array.isArray(v) ? v[v.length - 1] : v;
}

/** Collects django-filter style errors (`{"project_id": ["Enter a whole number."]}`) while reading filters. */
export class QueryReader {
  readonly errors: Record<string, string[]> = {};

  constructor(private readonly query: Query) {}

  int(name: string): number | undefined {
    const v = param(this.query, name);
    if (v === undefined || v === '') return undefined;
    if (!/^-?\d+$/.test(v.trim())) {
      this.errors[name] = ['Enter a whole number.'];
      return undefined;
    }
    return Number(v);
  }

  intList(name: string): number[] | undefined {
    const v = param(this.query, name);
    if (v === undefined || v === '') return undefined;
    const parts = v
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    if (!parts.every((s) => /^\d+$/.test(s))) {
      this.errors[name] = ['Enter a whole number.'];
      return undefined;
    }
    return parts.map(Number);
  }

  dateTime(name: string): number | undefined {
    const v = param(this.query, name);
    if (v === undefined || v === '') return undefined;
    const ms = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(v.trim())
      ? Date.parse(v.trim())
      : NaN;
    if (Number.isNaN(ms)) {
      this.errors[name] = ['Enter a valid date/time.'];
      return undefined;
    }
    return ms;
  }

  get ok(): boolean {
    return Object.keys(this.errors).length === 0;
  }
}

export type PageRequest = { page: number; size: number; offset: number };

/** DRF PageNumberPagination: `page` (1-based), `page_size` (default, capped at max; an invalid one means the default). */
export function readPage(query: Query, defaultSize: number, maxSize: number): PageRequest | null {
  const rawPage = param(query, 'page');
  const page = rawPage === undefined || rawPage === '' ? 1 : /^\d+$/.test(rawPage) ? Number(rawPage) : NaN;
  if (!Number.isInteger(page) || page < 1) return null;
  const rawSize = param(query, 'page_size');
  const asked = rawSize && /^\d+$/.test(rawSize) ? Number(rawSize) : 0;
  const size = asked > 0 ? Math.min(asked, maxSize) : defaultSize;
  return { page, size, offset: (page - 1) * size };
}

/** Absolute next/previous links, built the way DRF does (the page parameter replaced, keys sorted). */
export function pageLinks(
  req: FastifyRequest,
  page: number,
  size: number,
  count: number,
): { next: string | null; previous: string | null } {
  const base = `${req.protocol}://${req.host}${req.url.split('?')[0]}`;
  const link = (target: number | null): string => {
    const params = new URLSearchParams(req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '');
    const entries = [...params.entries()].filter(([k]) => k !== 'page');
    if (target !== null) entries.push(['page', String(target)]);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const qs = new URLSearchParams(entries).toString();
    return qs ? `${base}?${qs}` : base;
  };
  const next = page * size < count ? link(page + 1) : null;
  // DRF drops the page parameter for the first page.
  const previous = page > 1 ? link(page === 2 ? null : page - 1) : null;
  return { next, previous };
}
