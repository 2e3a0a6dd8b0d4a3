import type { SectionId } from '../../shared/schemas/project';
import { ApiError } from '../api/client';
import { browserHere, browserOnline, describeRequestError, type WordingOptions } from '../api/error-wording';
import { placeServerErrors, sectionsOfPaths } from './form-errors';
import type { SectionIssue } from './section-validators';

// What a failed save means for the user, decided in one pure function (the hook only applies it).

export type SaveProblem =
  | { kind: 'conflict'; detail: string; project?: unknown; etag?: string }
  | {
      kind: 'error';
      title: string;
      messages: string[];
      sections: SectionId[];
      /** Saving again as it is can help (not for values that need fixing). */
      retryable?: boolean;
      /** 429: seconds until a retry is worth it (a countdown). */
      retryAfterSeconds?: number;
      /** Where to go instead (log in, pick another project). */
      link?: { to: string; label: string };
    };

export interface SaveFailure {
  problem: SaveProblem;
  /** Messages to put at form paths (setError). */
  fieldIssues: SectionIssue[];
  /** The key cannot write: the console switches to read-only. */
  readOnly: boolean;
}

const KEPT = 'Your edits are kept.';

export function describeSaveFailure(error: unknown, opts: Omit<WordingOptions, 'kind'> = {}): SaveFailure {
  const none = { fieldIssues: [] as SectionIssue[], readOnly: false };
  if (error instanceof ApiError && error.status === 412) {
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
  if (error instanceof ApiError && error.status === 400 && Object.keys(error.fieldErrors).length) {
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
  // Everything else (no answer, 401, 403, 404, 429, 5xx, ...): one wording for the whole console.
  const wording = describeRequestError(error, { online: browserOnline(), here: browserHere(), ...opts, kind: 'save' });
  return {
    ...none,
    readOnly: wording.readOnly === true,
    problem: {
      kind: 'error',
      title: `Not saved: ${lowerFirst(wording.title)}`,
      messages: [...wording.messages, KEPT],
      sections: [],
      retryable: wording.retryable,
      retryAfterSeconds: wording.retryAfterSeconds,
      link: wording.link,
    },
  };
}

/** "Cekura did not answer" stays capitalised (a name); "This API key ..." becomes "this API key ...". */
function lowerFirst(text: string): string {
  return text.startsWith('Cekura') ? text : text.charAt(0).toLowerCase() + text.slice(1);
}
