import {
  PROJECT_FIELDS,
  configuredFlagOf,
  isConfiguredFlag,
  type ProjectField,
  type ProjectPatch,
} from '../../shared/schemas/project';
import { toFormValues, type ProjectFormValues, type SecretEdit } from '../../shared/form';
import { dirtyFields } from '../../shared/patch';
import { ApiError } from '../api/client';
import type { ProjectSnapshot } from '../api/projects';

// A save whose answer never arrived (the connection dropped, the upstream timed out) may or may not have
// been applied. Re-reading the project tells which: these pure rules decide from that re-read.

/** The PATCH may have been applied though no answer says so: status 0, 504, or our 502 "connection dropped". */
export function isUnknownOutcome(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  if (error.status === 0 || error.status === 504) return true;
  return error.status === 502 && /connection dropped|may or may not have been applied/i.test(error.detail ?? '');
}

/**
 * applied: the server holds every sent value (adopt it, report "Saved").
 * not-applied: the server still holds the very version the save was based on.
 * changed-elsewhere: the server changed and does not hold the sent values: merge as after a 412.
 */
export type SaveOutcome = 'applied' | 'not-applied' | 'changed-elsewhere';

/** Form values standing for what was sent: the form at send time with the patch's own values on top. */
export function intendedValues(
  before: ProjectSnapshot,
  patch: ProjectPatch,
  formValues: ProjectFormValues,
): ProjectFormValues {
  const patched = toFormValues({ ...before.project, ...patch });
  const values = { ...formValues } as Record<ProjectField, unknown>;
  for (const field of Object.keys(patch) as ProjectField[]) {
    if (PROJECT_FIELDS[field].kind !== 'secret') values[field] = patched[field];
  }
  return values as ProjectFormValues;
}

/** Secrets are write-only: only their *_configured flag can say whether a replace or clear landed. */
function secretHeld(field: ProjectField, edit: SecretEdit, after: ProjectSnapshot): boolean {
  const flag = after.project[configuredFlagOf(field)];
  if (flag === undefined) return true; // no status to check against: the other fields decide
  return isConfiguredFlag(flag) === (edit.mode === 'replace');
}

export function judgeSaveOutcome(
  before: ProjectSnapshot,
  after: ProjectSnapshot,
  sent: { fields: readonly ProjectField[]; values: ProjectFormValues },
): SaveOutcome {
  // The ETag covers the exact bytes of the project: unchanged bytes mean nothing was written.
  if (before.etag && after.etag === before.etag) return 'not-applied';
  const differing = new Set(dirtyFields(after.project, sent.values));
  const held = sent.fields.every((field) =>
    PROJECT_FIELDS[field].kind === 'secret'
      ? secretHeld(field, sent.values[field] as SecretEdit, after)
      : !differing.has(field),
  );
  return held ? 'applied' : 'changed-elsewhere';
}
