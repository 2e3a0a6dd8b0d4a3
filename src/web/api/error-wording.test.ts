import { describe, expect, it } from 'vitest';
import { ApiError } from './client';
import { describeRequestError, requestErrorText, retryCountdownText } from './error-wording';

// Every status the console can meet, for a read and for a save.

const err = (status: number, body: unknown = null, retryAfter?: number) =>
  new ApiError(status, body, undefined, retryAfter);

describe('describeRequestError', () => {
  it('no answer: offline when the browser says so, otherwise the console server is silent', () => {
    expect(describeRequestError(err(0), { online: false })).toMatchObject({
      status: 0,
      title: 'You are offline.',
      retryable: true,
    });
    const silent = describeRequestError(err(0), { online: true });
    expect(silent.title).toBe('The console server did not answer.');
    expect(silent.messages[0]).toMatch(/running/);
  });

  it('401 from the upstream: the key is wrong; 401 "Log in first": the session ended, with a login link back here', () => {
    const key = describeRequestError(err(401, { detail: 'Invalid API key.' }));
    expect(key.title).toBe("The Cekura API rejected the console's API key.");
    expect(key.messages[0]).toMatch(/CEKURA_API_KEY/);
    expect(key.link).toBeUndefined();
    const session = describeRequestError(err(401, { detail: 'Log in first' }), { here: '/projects/1/limits?x=1' });
    expect(session.title).toBe('Your session ended: log in again.');
    expect(session.link).toEqual({ to: '/login?next=%2Fprojects%2F1%2Flimits%3Fx%3D1', label: 'Log in' });
  });

  it('403 is worded from the detail: read-only key, no permission for this project, anything else', () => {
    const readOnly = describeRequestError(
      err(403, { detail: 'This API key is read-only: it cannot change anything.' }),
      {
        kind: 'save',
      },
    );
    expect(readOnly).toMatchObject({ title: 'This API key is read-only.', readOnly: true });
    expect(readOnly.messages).toEqual([
      'This API key is read-only: it cannot change anything.',
      'You can still look at every setting; saving is switched off.',
    ]);
    const project = describeRequestError(err(403, { detail: 'This API key has no permission for this project.' }));
    expect(project).toMatchObject({
      title: 'This API key has no permission for this project.',
      link: { to: '/', label: 'Choose a project' },
    });
    expect(project.readOnly).toBeUndefined();
    const otherSave = describeRequestError(err(403, { detail: 'You do not have permission to perform this action.' }), {
      kind: 'save',
    });
    expect(otherSave).toMatchObject({
      title: 'The key is not allowed to make this change.',
      messages: ['You do not have permission to perform this action.'],
    });
    expect(otherSave.readOnly).toBeUndefined();
    const read = describeRequestError(err(403, { detail: 'Forbidden.' }));
    expect(read).toMatchObject({ title: 'This API key is not allowed to see this.', messages: ['Forbidden.'] });
    expect(read.readOnly).toBeUndefined();
  });

  it('404: the project is gone, with a link to the picker', () => {
    const gone = describeRequestError(err(404, { detail: 'Not found.' }));
    expect(gone.title).toBe("This project no longer exists or this key can't see it.");
    expect(gone.link).toEqual({ to: '/', label: 'Choose a project' });
  });

  it('429: rate limited, with the Retry-After seconds for a countdown (or a general hint without)', () => {
    const timed = describeRequestError(err(429, { detail: 'Throttled.' }, 12));
    expect(timed).toMatchObject({
      title: 'Cekura is limiting the rate of requests.',
      retryAfterSeconds: 12,
      messages: [],
    });
    const untimed = describeRequestError(err(429));
    expect(untimed.retryAfterSeconds).toBeUndefined();
    expect(untimed.messages).toEqual(['Wait a moment, then try again.']);
  });

  it('409 from the admin server: an earlier save is still being processed, retryable', () => {
    const busy = describeRequestError(
      err(409, { detail: 'An earlier save of this project is still being processed' }),
      {
        kind: 'save',
      },
    );
    expect(busy.title).toBe('An earlier save of this project is still being processed.');
    expect(busy.messages[0]).toMatch(/Try again in a moment/);
    expect(busy.retryable).toBe(true);
  });

  it('5xx: Cekura had a problem, with the status', () => {
    for (const status of [500, 501, 503, 599]) {
      expect(describeRequestError(err(status, { detail: 'A server error occurred.' })).title).toBe(
        `Cekura had a problem (${status}).`,
      );
    }
  });

  it('502 unreachable and 504 timeout: the server detail, and on a save why retrying is safe', () => {
    const down = describeRequestError(err(502, { detail: 'The Cekura API is unreachable.' }));
    expect(down).toMatchObject({ title: 'Cekura could not be reached.', messages: ['The Cekura API is unreachable.'] });
    const slowSave = describeRequestError(err(504, { detail: 'The Cekura API did not answer within 10000 ms.' }), {
      kind: 'save',
    });
    expect(slowSave.title).toBe('Cekura did not answer in time.');
    expect(slowSave.messages).toHaveLength(2);
    expect(slowSave.messages[1]).toMatch(/Retrying is safe/);
  });

  it('other refusals say so and are not offered as retryable', () => {
    expect(describeRequestError(err(400, { detail: 'Bad page.' }))).toMatchObject({
      title: 'Cekura refused the request.',
      messages: ['Bad page.'],
      retryable: false,
    });
    expect(describeRequestError(err(428, { detail: 'Needs If-Match.' }))).toMatchObject({
      title: 'The request was refused (428).',
      retryable: false,
    });
  });

  it('anything else (an unreadable answer, a bug) is named as the console’s own problem', () => {
    const odd = describeRequestError(new Error('The metric list has an unexpected shape.'));
    expect(odd).toMatchObject({
      status: -1,
      title: 'Something went wrong in the console.',
      messages: ['The metric list has an unexpected shape.'],
    });
  });

  it('every status keeps offering a retry unless the request itself was refused', () => {
    for (const status of [0, 401, 403, 404, 429, 500, 502, 503, 504])
      expect(describeRequestError(err(status)).retryable, String(status)).toBe(true);
  });
});

describe('retryCountdownText', () => {
  it('counts down, then says the wait is over', () => {
    expect(retryCountdownText(3)).toBe('Try again in 3 s.');
    expect(retryCountdownText(0)).toBe('You can try again now.');
  });
});

describe('requestErrorText', () => {
  it('puts the wording in one sentence for inline warnings', () => {
    expect(requestErrorText(err(429, null, 4))).toBe('Cekura is limiting the rate of requests. Try again in 4 s.');
    expect(requestErrorText(err(500))).toBe(
      'Cekura had a problem (500). This is usually temporary: try again in a moment.',
    );
  });
});
