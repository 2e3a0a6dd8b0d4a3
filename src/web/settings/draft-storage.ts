import { z } from 'zod/mini';
import {
  PROJECT_FIELDS,
  PROJECT_FIELD_NAMES,
  SECRET_FIELDS,
  readProject,
  type Project,
  type ProjectField,
} from '../../shared/schemas/project';
import { FIELD_KINDS } from '../../shared/field-kinds';
import { lazySchema } from '../../shared/schemas/lazy';
import { toFormValues, type ProjectFormValues } from '../../shared/form';
import { isFieldDirty } from '../../shared/patch';

// Unsaved edits kept in sessionStorage (per tab, per project) so that an accidental reload loses nothing.
// Stored: the edited fields' form values and the snapshot they were based on (for a three-way merge when
// the server moved meanwhile). Never stored: any secret, neither a replaced key nor a secret the API
// returned in clear (older API versions returned webhook_secret).

export const draftKey = (projectId: number) => `cekura-console:draft:${projectId}`;

const storedDraftSchema = lazySchema(() =>
  z.object({
    version: z.literal(1),
    savedAt: z.string(),
    base: z.object({ etag: z.string(), updatedAt: z.optional(z.string()), project: z.looseObject({ id: z.number() }) }),
    values: z.record(z.string(), z.unknown()),
  }),
);
export type StoredDraft = z.infer<typeof storedDraftSchema>;

export interface RestoredDraft {
  base: { project: Project; etag: string };
  /** Only the fields that were edited (never a secret). */
  values: Partial<ProjectFormValues>;
}

/** The project without any secret field (kept for the merge base). */
function withoutSecrets(project: Project): Project {
  const copy = { ...project } as Record<string, unknown>;
  for (const field of SECRET_FIELDS) delete copy[field];
  return copy as Project;
}

/** The text to store, or null when no storable field is edited (then the stored draft is removed). */
export function serializeDraft(
  snapshot: { project: Project; etag: string },
  baseValues: ProjectFormValues,
  values: ProjectFormValues,
  now: Date = new Date(),
): string | null {
  const fields = PROJECT_FIELD_NAMES.filter(
    (field) => PROJECT_FIELDS[field].kind !== 'secret' && isFieldDirty(field, baseValues, values),
  );
  if (!fields.length) return null;
  const draft: StoredDraft = {
    version: 1,
    savedAt: now.toISOString(),
    base: {
      etag: snapshot.etag,
      updatedAt: typeof snapshot.project.updated_at === 'string' ? snapshot.project.updated_at : undefined,
      project: withoutSecrets(snapshot.project),
    },
    values: Object.fromEntries(fields.map((field) => [field, values[field]])),
  };
  return JSON.stringify(draft);
}

/** The stored text read back; null for anything unreadable. Values of the wrong shape are dropped. */
export function parseDraft(text: string | null): RestoredDraft | null {
  if (!text) return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = storedDraftSchema.safeParse(json);
  if (!parsed.success) return null;
  const values: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(parsed.data.values)) {
    if (
      Object.hasOwn(PROJECT_FIELDS, field) &&
      FIELD_KINDS[PROJECT_FIELDS[field as ProjectField].kind].fitsDraft(value)
    )
      values[field] = value;
  }
  const project = withoutSecrets(readProject(parsed.data.base.project).project);
  return { base: { project, etag: parsed.data.base.etag }, values: values as Partial<ProjectFormValues> };
}

/** The whole draft as form values: its base with the stored edits on top. */
export function draftFormValues(draft: RestoredDraft): ProjectFormValues {
  return { ...toFormValues(draft.base.project), ...draft.values } as ProjectFormValues;
}

// Storage can be full or switched off (private modes): the draft is a convenience, so failures are silent.
const storage = (): Storage | null => {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
};

export function loadDraft(projectId: number): RestoredDraft | null {
  try {
    return parseDraft(storage()?.getItem(draftKey(projectId)) ?? null);
  } catch {
    return null;
  }
}

export function storeDraft(projectId: number, text: string | null): void {
  try {
    if (text) storage()?.setItem(draftKey(projectId), text);
    else storage()?.removeItem(draftKey(projectId));
  } catch {
    // quota or disabled storage: nothing to do
  }
}

export const clearDraft = (projectId: number) => storeDraft(projectId, null);
