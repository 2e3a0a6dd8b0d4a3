// ETags of projects: a strong validator over the exact bytes the upstream returned.
import { createHash } from 'node:crypto';

export function etagOf(body: Buffer | string): string {
  return `"${createHash('sha256').update(body).digest('hex')}"`;
}

export type IfMatch = { kind: 'missing' } | { kind: 'wildcard' } | { kind: 'tags'; tags: string[] };

/** Parses If-Match (a comma-separated list of entity tags). Weak tags are kept as given: they never match. */
export function parseIfMatch(header: string | string[] | undefined): IfMatch {
  const value = (Array.isArray(header) ? header.join(',') : (header ?? '')).trim();
  if (value === '') return { kind: 'missing' };
  if (value === '*') return { kind: 'wildcard' };
  const tags = value.match(/(W\/)?"[^"]*"/g) ?? [];
  return tags.length === 0 ? { kind: 'missing' } : { kind: 'tags', tags };
}

/** Strong comparison (RFC 9110 13.1.1): only an identical, non-weak tag matches. */
export function ifMatchSatisfied(ifMatch: { tags: string[] }, current: string): boolean {
  return ifMatch.tags.some((tag) => !tag.startsWith('W/') && tag === current);
}
