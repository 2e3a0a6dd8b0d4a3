import { z } from 'zod/mini';
import {
  configuredFlagOf,
  NEVER_SENT_FIELDS,
  PROJECT_FIELDS,
  PROJECT_FIELD_NAMES,
  READ_ONLY_FIELDS,
  type ProjectField,
} from './fields';
import { FIELD_KINDS, type ValueByKind } from '../field-kinds';
import { lazySchema } from './lazy';

export * from './fields';

export { isValidTimeZone } from './time-zone';
export { isHttpUrl } from './webhook-url';

/** Whole numbers an int field may hold (a field may narrow it: strictOverrides). */
const nonNegativeInt32 = FIELD_KINDS.int.strict;

const strictOverrides: Partial<Record<ProjectField, z.ZodMiniType>> = {
  outbound_timeout: nonNegativeInt32.check(z.lte(300, 'At most 300 seconds (5 minutes).')),
};

/** The strict reading of one field's value, as it is sent to the API: its kind's, or its own override. */
export function strictFieldSchema(field: ProjectField): z.ZodMiniType {
  return strictOverrides[field] ?? FIELD_KINDS[PROJECT_FIELDS[field].kind].strict;
}

/** What the console sends in a PATCH: any subset of writable fields, each valid, nothing else. */
export const projectPatchSchema = lazySchema(() =>
  z.strictObject(
    Object.fromEntries(PROJECT_FIELD_NAMES.map((field) => [field, z.optional(strictFieldSchema(field))])) as Record<
      ProjectField,
      z.ZodMiniOptional<z.ZodMiniType>
    >,
  ),
);

export type ProjectPatch = { [F in ProjectField]?: ValueByKind[(typeof PROJECT_FIELDS)[F]['kind']] };

export const membershipSchema = z.looseObject({
  id: z.optional(z.number()),
  user: z.optional(
    z.looseObject({ id: z.optional(z.number()), name: z.optional(z.string()), email: z.optional(z.string()) }),
  ),
  role: z.optional(z.string()),
  is_email_notify_enabled: z.optional(z.boolean()),
});
export type Membership = z.infer<typeof membershipSchema>;

/**
 * A project as the API returned it. Values are typed as the API documents them, but `readProject`
 * keeps whatever arrived (an odd value is noted, never refused), so code reading it stays defensive.
 */
export type Project = {
  id: number;
  organization?: unknown;
  members?: Membership[];
  created_at?: string;
  updated_at?: string;
  [key: `${string}_configured`]: unknown;
} & { [F in ProjectField]?: ValueByKind[(typeof PROJECT_FIELDS)[F]['kind']] | null } & Record<string, unknown>;

export interface ProjectNote {
  field: string;
  message: string;
}

/** The lenient reading: never refuses to open a project; notes every value outside the strict reading. */
export function readProject(json: unknown): { project: Project; notes: ProjectNote[] } {
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    throw new Error('The API returned something that is not a project.');
  }
  const raw = json as Record<string, unknown>;
  const notes: ProjectNote[] = [];
  if (typeof raw.id !== 'number') notes.push({ field: 'id', message: 'The project has no numeric id.' });
  for (const field of PROJECT_FIELD_NAMES) {
    if (!(field in raw) || PROJECT_FIELDS[field].kind === 'secret') continue;
    const value = raw[field];
    if (value === null && FIELD_KINDS[PROJECT_FIELDS[field].kind].nullFromServer) continue;
    const result = strictFieldSchema(field).safeParse(value);
    if (!result.success) {
      notes.push({
        field,
        message: `Stored value ${JSON.stringify(value)} is unusual: ${result.error.issues[0]?.message ?? 'invalid'}`,
      });
    }
  }
  const membersResult = z.optional(z.array(membershipSchema)).safeParse(raw.members);
  if (!membersResult.success) notes.push({ field: 'members', message: 'The member list has an unexpected shape.' });
  return { project: raw as Project, notes };
}

/** Decision 14: a *_configured flag is on for true, "true" and any non-empty string other than "false". */
export function isConfiguredFlag(value: unknown): boolean {
  if (value === true) return true;
  if (typeof value === 'string') return value !== '' && value.toLowerCase() !== 'false';
  return false;
}

/**
 * Whether a write-only secret is stored: its `<field>_configured` flag, or (older API versions that returned
 * the value, e.g. webhook_secret before 2026-06-16) a non-empty returned value.
 */
export function isSecretStored(project: Project, field: ProjectField): boolean {
  const returned = (project as Record<string, unknown>)[field];
  if (typeof returned === 'string' && returned !== '') return true;
  return isConfiguredFlag((project as Record<string, unknown>)[configuredFlagOf(field)]);
}

const KNOWN_PROJECT_KEYS: ReadonlySet<string> = new Set([
  ...PROJECT_FIELD_NAMES,
  ...READ_ONLY_FIELDS,
  ...NEVER_SENT_FIELDS,
]);

/**
 * Fields of a project our schemas do not know (a newer API), by name. They are kept as received, never
 * sent back (a save sends only changed known fields), and shown read-only in General.
 */
export function unknownProjectFields(project: Record<string, unknown>): [string, unknown][] {
  return Object.keys(project)
    .filter((key) => !KNOWN_PROJECT_KEYS.has(key))
    .sort()
    .map((key) => [key, project[key]]);
}
