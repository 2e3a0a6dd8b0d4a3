import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { describeSaveFailure } from './save-problem';

describe('describeSaveFailure', () => {
  it('412: a conflict carrying the current project and its ETag', () => {
    const failure = describeSaveFailure(new ApiError(412, { detail: 'Changed elsewhere.', project: { id: 1 } }, undefined, undefined, '"abc"'));
    expect(failure.problem).toEqual({ kind: 'conflict', detail: 'Changed elsewhere.', project: { id: 1 }, etag: '"abc"' });
    expect(failure.readOnly).toBe(false);
  });

  it('403: read-only, with the reason', () => {
    const failure = describeSaveFailure(new ApiError(403, { detail: 'You do not have permission to perform this action.' }));
    expect(failure.readOnly).toBe(true);
    expect(failure.problem).toMatchObject({ kind: 'error', title: 'Not saved: this API key is read-only.' });
    expect(failure.problem.kind === 'error' && failure.problem.messages[0]).toBe('You do not have permission to perform this action.');
  });

  it('400 with field errors: messages at the fields, the sections named', () => {
    const failure = describeSaveFailure(new ApiError(400, { sample_rate: ['Too big.'], rubric_config: ['rules[0].metric_id: unknown metric 9'] }));
    expect(failure.fieldIssues.map((issue) => issue.path)).toEqual(['sample_rate', 'rubric_config', 'rubric_config.rules.0']);
    expect(failure.problem).toMatchObject({ kind: 'error', sections: ['limits', 'rubric'] });
  });

  it('429, 5xx and no answer: a banner that says the edits are kept', () => {
    const busy = describeSaveFailure(new ApiError(429, { detail: 'Throttled.' }, undefined, 12));
    expect(busy.problem.kind === 'error' && busy.problem.messages).toEqual(['Too many requests: try again in 12 s.', 'Your edits are kept.']);
    const down = describeSaveFailure(new ApiError(502, { detail: 'Upstream unreachable.' }));
    expect(down.problem.kind === 'error' && down.problem.messages).toEqual(['Upstream unreachable.', 'Your edits are kept.']);
    const offline = describeSaveFailure(new ApiError(0, null, 'No answer from the console server.'));
    expect(offline.problem.kind === 'error' && offline.problem.messages[0]).toBe('No answer from the console server.');
  });
});
