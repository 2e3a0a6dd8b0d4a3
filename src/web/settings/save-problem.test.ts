import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { describeSaveFailure } from './save-problem';

const KEPT = 'Your edits are kept.';
const messagesOf = (failure: ReturnType<typeof describeSaveFailure>) =>
  failure.problem.kind === 'error' ? failure.problem.messages : [];

describe('describeSaveFailure', () => {
  it('412: a conflict carrying the current project and its ETag', () => {
    const failure = describeSaveFailure(
      new ApiError(412, { detail: 'Changed elsewhere.', project: { id: 1 } }, undefined, undefined, '"abc"'),
    );
    expect(failure.problem).toEqual({
      kind: 'conflict',
      detail: 'Changed elsewhere.',
      project: { id: 1 },
      etag: '"abc"',
    });
    expect(failure.readOnly).toBe(false);
  });

  it('403 from a read-only key: read-only, with the reason', () => {
    const failure = describeSaveFailure(
      new ApiError(403, { detail: 'This API key is read-only: it cannot change anything.' }),
    );
    expect(failure.readOnly).toBe(true);
    expect(failure.problem).toMatchObject({ kind: 'error', title: 'Not saved: this API key is read-only.' });
    expect(messagesOf(failure)[0]).toBe('This API key is read-only: it cannot change anything.');
    expect(messagesOf(failure).at(-1)).toBe(KEPT);
  });

  it('403 for another reason: not saved, with the reason, and saving stays on', () => {
    const failure = describeSaveFailure(
      new ApiError(403, { detail: 'You do not have permission to perform this action.' }),
    );
    expect(failure.readOnly).toBe(false);
    expect(failure.problem).toMatchObject({
      kind: 'error',
      title: 'Not saved: the key is not allowed to make this change.',
    });
  });

  it('400 with field errors: messages at the fields, the sections named, no retry offered', () => {
    const failure = describeSaveFailure(
      new ApiError(400, { sample_rate: ['Too big.'], rubric_config: ['rules[0].metric_id: unknown metric 9'] }),
    );
    expect(failure.fieldIssues.map((issue) => issue.path)).toEqual([
      'sample_rate',
      'rubric_config',
      'rubric_config.rules.0',
    ]);
    expect(failure.problem).toMatchObject({ kind: 'error', sections: ['limits', 'rubric'] });
    expect(failure.problem.kind === 'error' && failure.problem.retryable).toBeFalsy();
  });

  it('every other status: the console-wide wording, "Not saved" first, the edits kept, a retry offered', () => {
    const cases: [ApiError, string][] = [
      [new ApiError(0, null, 'No answer.'), 'Not saved: the console server did not answer.'],
      [new ApiError(401, { detail: 'Invalid API key.' }), "Not saved: the Cekura API rejected the console's API key."],
      [new ApiError(401, { detail: 'Log in first' }), 'Not saved: your session ended: log in again.'],
      [
        new ApiError(404, { detail: 'Not found.' }),
        "Not saved: this project no longer exists or this key can't see it.",
      ],
      [
        new ApiError(429, { detail: 'Throttled.' }, undefined, 12),
        'Not saved: Cekura is limiting the rate of requests.',
      ],
      [new ApiError(500, { detail: 'A server error occurred.' }), 'Not saved: Cekura had a problem (500).'],
      [new ApiError(502, { detail: 'The Cekura API is unreachable.' }), 'Not saved: Cekura could not be reached.'],
      [new ApiError(504, { detail: 'Too slow.' }), 'Not saved: Cekura did not answer in time.'],
    ];
    for (const [error, title] of cases) {
      const failure = describeSaveFailure(error, { online: true, here: '/projects/1/general' });
      expect(failure.problem, String(error.status)).toMatchObject({
        kind: 'error',
        title,
        retryable: true,
        sections: [],
      });
      expect(messagesOf(failure).at(-1)).toBe(KEPT);
      expect(failure.readOnly).toBe(false);
    }
  });

  it('offline, the Retry-After countdown and the login link reach the banner', () => {
    expect(describeSaveFailure(new ApiError(0, null), { online: false }).problem).toMatchObject({
      title: 'Not saved: you are offline.',
    });
    expect(describeSaveFailure(new ApiError(429, null, undefined, 7)).problem).toMatchObject({ retryAfterSeconds: 7 });
    const session = describeSaveFailure(new ApiError(401, { detail: 'Log in first' }), { here: '/projects/1/limits' });
    expect(session.problem).toMatchObject({ link: { to: '/login?next=%2Fprojects%2F1%2Flimits', label: 'Log in' } });
  });

  it('an error that is not a request failure still keeps the edits', () => {
    const failure = describeSaveFailure(new TypeError('x is undefined'));
    expect(failure.problem).toMatchObject({ kind: 'error', title: 'Not saved: something went wrong in the console.' });
    expect(messagesOf(failure)).toEqual(['x is undefined', KEPT]);
  });
});
