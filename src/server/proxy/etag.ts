// ETags of projects: a strong validator over the project's settings, not the upstream's bytes. Every
// Project embeds its organisation's member list (and may carry fields newer than our schemas): hashing the
// bytes made any member change anywhere in the organisation a conflict for every open console.
import { createHash } from 'node:crypto';
import { PROJECT_FIELD_NAMES, READ_ONLY_FIELDS } from '../../shared/schemas/fields';
import { canonicalJson } from '../../shared/schemas/rubric';

/**
 * What the ETag covers: `id`, every field the console edits (PROJECT_FIELD_NAMES; a write-only secret
 * only counts if an old API version returns it) and the `*_configured` flags it shows. Not: members,
 * organization, created_at, updated_at, nor any field our schemas do not know (docs/api-assumptions.md).
 */
export const ETAG_FIELDS: readonly string[] = [
  'id',
  ...PROJECT_FIELD_NAMES,
  ...READ_ONLY_FIELDS.filter((field) => field.endsWith('_configured')),
];

const sha256 = (text: Buffer | string) => createHash('sha256').update(text).digest('hex');

/** The settings the ETag covers, keys sorted at every level (key order never matters). */
export function etagBasis(project: Record<string, unknown>): string {
  return canonicalJson(Object.fromEntries(ETAG_FIELDS.filter((f) => f in project).map((f) => [f, project[f]])));
}

// Memo of upstream bytes -> ETag: parsing a 300-rule project on every GET is the costly part. Every GET
// still reaches the upstream; only bytes identical to a recent answer skip the parse. Looked up by length and
// a byte comparison (memcmp), cheaper than hashing the answer and exact.
const MEMO_LIMIT = 32;
const memo: { bytes: Buffer; tag: string }[] = [];

/** The ETag of a project answer; a body that is not a JSON object falls back to a hash of its bytes. */
export function etagOf(body: Buffer | string): string {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  for (const entry of memo) if (entry.bytes.length === bytes.length && entry.bytes.equals(bytes)) return entry.tag;
  let tag: string;
  try {
    const value: unknown = JSON.parse(bytes.toString());
    tag =
      typeof value === 'object' && value !== null && !Array.isArray(value)
        ? `"${sha256(etagBasis(value as Record<string, unknown>))}"`
        : `"${sha256(bytes)}"`;
  } catch {
    tag = `"${sha256(bytes)}"`;
  }
  if (memo.length >= MEMO_LIMIT) memo.shift();
  memo.push({ bytes, tag });
  return tag;
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
