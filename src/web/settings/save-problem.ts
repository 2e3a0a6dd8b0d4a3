import type { SectionId } from '../../shared/schemas/project';
import { ApiError } from '../api/client';
import { placeServerErrors, sectionsOfPaths } from './form-errors';
import type { SectionIssue } from './section-validators';

// What a failed save means for the user, decided in one pure function (the hook only applies it).

export type SaveProblem =
  | { kind: 'conflict'; detail: string; project?: unknown; etag?: string }
  | { kind: 'error'; title: string; messages: string[]; sections: SectionId[] };

export interface SaveFailure {
  problem: SaveProblem;
  /** Messages to put at form paths (setError). */
  fieldIssues: SectionIssue[];
  /** The key cannot write: the console switches to read-only. */
  readOnly: boolean;
}

const KEPT = 'Your edits are kept.';

export function describeSaveFailure(error: unknown): SaveFailure {
  const none = { fieldIssues: [] as SectionIssue[], readOnly: false };
  if (!(error instanceof ApiError)) {
    return { ...none, problem: { kind: 'error', title: 'Not saved: something went wrong in the console.', messages: [String((error as Error)?.message ?? error), KEPT], sections: [] } };
  }
  if (error.status === 412) {
    const body = error.body as { project?: unknown } | null;
    return {
      ...none,
      problem: {
        kind: 'conflict',
        detail: error.detail ?? 'The project changed on the server since you opened it.',
        project: body && typeof body === 'object' ? body.project : undefined,
        etag: error.etag,
      },
    };
  }
  if (error.status === 403) {
    return {
      fieldIssues: [],
      readOnly: true,
      problem: {
        kind: 'error',
        title: 'Not saved: this API key is read-only.',
        messages: [error.detail ?? 'The API refused the change (403).', 'You can still look at every setting; saving is switched off.'],
        sections: [],
      },
    };
  }
  if (error.status === 400 && Object.keys(error.fieldErrors).length) {
    const { fieldIssues, banner } = placeServerErrors(error.fieldErrors, error.detail);
    return {
      fieldIssues,
      readOnly: false,
      problem: {
        kind: 'error',
        title: 'Not saved: the API refused some values.',
        messages: [...banner, fieldIssues.length ? 'The messages are shown at the fields.' : '', KEPT].filter(Boolean),
        sections: sectionsOfPaths(fieldIssues.map((issue) => issue.path)),
      },
    };
  }
  const retry = error.status === 429 ? `Too many requests: try again${error.retryAfterSeconds ? ` in ${error.retryAfterSeconds} s` : ' shortly'}.` : undefined;
  return {
    ...none,
    problem: { kind: 'error', title: 'Not saved.', messages: [retry ?? error.message, KEPT], sections: [] },
  };
}
