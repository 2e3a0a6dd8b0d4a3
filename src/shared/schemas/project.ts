import { z } from 'zod/mini';
import {
  configuredFlagOf,
  NEVER_SENT_FIELDS,
  PROJECT_FIELDS,
  PROJECT_FIELD_NAMES,
  READ_ONLY_FIELDS,
  type FieldKind,
  type ProjectField,
} from './fields';
import { noCallsConfigSchema, type NoCallsConfigRead } from './no-calls';
import { rubricConfigSchema, type RubricConfigRead } from './rubric';
import { webhookUrlMessage } from './webhook-url';

export * from './fields';

const INT32_MAX = 2147483647;

let listedZones: ReadonlySet<string> | undefined;

/**
 * The engine's own list of zone names. Looking a name up there costs a few milliseconds the first time; the
 * first DateTimeFormat of a page loads the locale's date data (40-70 ms in a cold browser page), which a
 * project's first screen otherwise pays just to check its time zone.
 */
function engineZoneList(): ReadonlySet<string> {
  if (!listedZones) {
    try {
      listedZones = new Set(Intl.supportedValuesOf('timeZone'));
    } catch {
      listedZones = new Set(); // older engines: every name takes the DateTimeFormat check
    }
  }
  return listedZones;
}

/** IANA names as decision 5 says: whatever Intl accepts (it accepts UTC, Asia/Kolkata, Europe/Kyiv). */
export function isValidTimeZone(name: string): boolean {
  if (!name) return false;
  // A listed name is accepted; an unlisted one (an alias such as Asia/Calcutta, another spelling) may be too.
  if (engineZoneList().has(name)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export { isHttpUrl } from './webhook-url';

const nonNegativeInt32 = z.int().check(z.gte(0, 'Must be 0 or more.'), z.lte(INT32_MAX, `At most ${INT32_MAX}.`));

/** The strict reading of one field's value, as it is sent to the API. */
const strictByKind: Record<FieldKind, z.ZodMiniType> = {
  boolean: z.boolean(),
  string: z
    .string()
    .check(z.trim(), z.minLength(1, 'This field may not be blank.'), z.maxLength(255, 'At most 255 characters.')),
  timezone: z
    .string()
    .check(
      z.refine(isValidTimeZone, 'Not a time zone this browser knows (use an IANA name such as America/New_York).'),
    ),
  url: z.string().check(
    z.superRefine((value, ctx) => {
      const message = webhookUrlMessage(value);
      if (message) ctx.addIssue({ code: 'custom', message, input: value });
    }),
  ),
  int: nonNegativeInt32,
  percent: z.number().check(z.gte(0, 'Must be between 0 and 1.'), z.lte(1, 'Must be between 0 and 1.')),
  secret: z.string(),
  'int-set': z.array(z.int()),
  rubric: rubricConfigSchema,
  'no-calls': noCallsConfigSchema,
};

const strictOverrides: Partial<Record<ProjectField, z.ZodMiniType>> = {
  outbound_timeout: nonNegativeInt32.check(z.lte(300, 'At most 300 seconds (5 minutes).')),
};

export function strictFieldSchema(field: ProjectField): z.ZodMiniType {
  return strictOverrides[field] ?? strictByKind[PROJECT_FIELDS[field].kind];
}

/** What the console sends in a PATCH: any subset of writable fields, each valid, nothing else. */
export const projectPatchSchema = z.strictObject(
  Object.fromEntries(PROJECT_FIELD_NAMES.map((field) => [field, z.optional(strictFieldSchema(field))])) as Record<
    ProjectField,
    z.ZodMiniOptional<z.ZodMiniType>
  >,
);

type ValueByKind = {
  boolean: boolean;
  string: string;
  timezone: string;
  url: string;
  int: number;
  percent: number;
  secret: string;
  'int-set': number[];
  rubric: RubricConfigRead;
  'no-calls': NoCallsConfigRead;
};

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
    if (value === null && (PROJECT_FIELDS[field].kind === 'rubric' || PROJECT_FIELDS[field].kind === 'no-calls'))
      continue;
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
