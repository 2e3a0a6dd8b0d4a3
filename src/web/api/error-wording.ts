import { ApiError } from './client';

// What a failed request means for the user, in one pure function used by every place the console talks to
// the server (project load, save, lists, history). It says what happened and what to do, never just a code.

export type RequestKind = 'read' | 'save';

export interface RequestProblemWording {
  /** 0 = no answer; -1 = not a request failure (a bug or an unreadable answer). */
  status: number;
  /** What happened, one sentence. */
  title: string;
  /** What to do, and the server's own words where they add something. */
  messages: string[];
  /** 429: seconds to wait (from Retry-After), for a countdown. */
  retryAfterSeconds?: number;
  /** Where to go instead (the login page, the project picker). */
  link?: { to: string; label: string };
  /** Trying the same request again can help. */
  retryable: boolean;
  /** The key cannot write (403 on a save). */
  readOnly?: boolean;
}

export interface WordingOptions {
  kind?: RequestKind;
  /** navigator.onLine at the time of the failure (a parameter so the function stays pure). */
  online?: boolean;
  /** The page to come back to after logging in. */
  here?: string;
}

const SESSION_DETAIL = /log in/i;
const SAFE_RETRY =
  'Retrying is safe: if the earlier attempt did reach Cekura, the console reports the project as changed instead of saving twice.';

export function describeRequestError(error: unknown, opts: WordingOptions = {}): RequestProblemWording {
  const kind = opts.kind ?? 'read';
  if (!(error instanceof ApiError)) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      status: -1,
      title: 'Something went wrong in the console.',
      messages: [message].filter(Boolean),
      retryable: true,
    };
  }
  const { status } = error;
  const detail = error.detail ? [error.detail] : [];
  const base = { status, retryable: true };
  if (status === 0) {
    return opts.online === false
      ? { ...base, title: 'You are offline.', messages: ['Check your network connection, then retry.'] }
      : {
          ...base,
          title: 'The console server did not answer.',
          messages: ['Check that it is running and that your connection works, then retry.'],
        };
  }
  if (status === 401) {
    if (error.detail && SESSION_DETAIL.test(error.detail)) {
      const next = opts.here ? `?next=${encodeURIComponent(opts.here)}` : '';
      return {
        ...base,
        title: 'Your session ended: log in again.',
        messages: [],
        link: { to: `/login${next}`, label: 'Log in' },
      };
    }
    return {
      ...base,
      title: "The Cekura API rejected the console's API key.",
      messages: [
        'The key set on the admin server (CEKURA_API_KEY) is wrong or has expired: ask whoever runs the console to replace it.',
      ],
    };
  }
  if (status === 403) return forbidden(kind, error.detail);
  if (status === 404) {
    return {
      ...base,
      title: "This project no longer exists or this key can't see it.",
      messages: [],
      link: { to: '/', label: 'Choose a project' },
    };
  }
  if (status === 409) {
    // The admin server still waits for an earlier write of this project (its answer was late or lost).
    return {
      ...base,
      title: 'An earlier save of this project is still being processed.',
      messages: [
        'Cekura has not yet answered an earlier save of this project. Try again in a moment: your save is then checked against what that earlier save left.',
      ],
    };
  }
  if (status === 429) {
    const wait = error.retryAfterSeconds;
    return {
      ...base,
      title: 'Cekura is limiting the rate of requests.',
      messages: wait ? [] : ['Wait a moment, then try again.'],
      retryAfterSeconds: wait,
    };
  }
  if (status === 502) {
    return {
      ...base,
      title: 'Cekura could not be reached.',
      messages: [...detail, ...(kind === 'save' ? [SAFE_RETRY] : [])],
    };
  }
  if (status === 504 || status === 408) {
    return {
      ...base,
      title: 'Cekura did not answer in time.',
      messages: [...detail, ...(kind === 'save' ? [SAFE_RETRY] : [])],
    };
  }
  if (status >= 500) {
    return {
      ...base,
      title: `Cekura had a problem (${status}).`,
      messages: ['This is usually temporary: try again in a moment.'],
    };
  }
  if (status === 400) return { ...base, retryable: false, title: 'Cekura refused the request.', messages: detail };
  return { ...base, retryable: false, title: `The request was refused (${status}).`, messages: detail };
}

// A 403 means different things (a read-only key, a key of another project, anything else the API refuses):
// the upstream's detail says which. Only the read-only case switches saving off.
const READ_ONLY_DETAIL = /read[- ]?only/i;
const PROJECT_DETAIL = /project/i;

function forbidden(kind: RequestKind, detailText: string | undefined): RequestProblemWording {
  const base = { status: 403, retryable: true };
  const detail = detailText ? [detailText] : [];
  if (detailText && READ_ONLY_DETAIL.test(detailText))
    return {
      ...base,
      readOnly: true,
      title: 'This API key is read-only.',
      messages: [...detail, 'You can still look at every setting; saving is switched off.'],
    };
  if (detailText && PROJECT_DETAIL.test(detailText))
    return {
      ...base,
      title: 'This API key has no permission for this project.',
      messages: [...detail, 'A project key sees only its own project: choose that one, or use an organisation key.'],
      link: { to: '/', label: 'Choose a project' },
    };
  return kind === 'save'
    ? { ...base, title: 'The key is not allowed to make this change.', messages: detail }
    : { ...base, title: 'This API key is not allowed to see this.', messages: detail };
}

/** One line for places with room for a sentence (a list's inline warning): "Cekura did not answer in time." */
export function requestErrorText(error: unknown): string {
  const wording = describeRequestError(error, { online: browserOnline() });
  const wait = wording.retryAfterSeconds ? [retryCountdownText(wording.retryAfterSeconds)] : [];
  return [wording.title, ...wait, ...wording.messages].join(' ');
}

/** navigator.onLine where there is a navigator (tests and server-side code have none). */
export function browserOnline(): boolean | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.onLine;
}

/** The current page (path and query), to come back to after logging in. */
export function browserHere(): string | undefined {
  return typeof location === 'undefined' ? undefined : `${location.pathname}${location.search}`;
}

/** "Try again in 12 s." / "You can try again now." */
export function retryCountdownText(secondsLeft: number): string {
  return secondsLeft > 0 ? `Try again in ${secondsLeft} s.` : 'You can try again now.';
}
