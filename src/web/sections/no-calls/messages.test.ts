import { describe, expect, it } from 'vitest';
import { combine, helperOf, messagesAt, rootMessage, serverMessageAt } from './messages';
import type { NoCallsIssue } from '../../../shared/no-calls/checks';

const issues: NoCallsIssue[] = [
  { path: 'time_periods.0.end_time', message: 'The end must be after the start (10:00).', severity: 'error' },
  { path: 'exception_numbers.0', message: 'Possible, but not valid.', severity: 'warning' },
];
const errors = {
  no_calls_notify_time_period: {
    type: 'validate',
    message: 'time_periods.0: Unrecognized key: "label"',
    exception_numbers: { 1: { type: 'server', message: 'not an E.164 number' } },
  },
};

describe('messages at the editor', () => {
  it('block only on an edited schedule; a stored odd value is a warning', () => {
    expect(messagesAt(issues, 'time_periods.0.end_time', true)).toEqual([
      { text: 'The end must be after the start (10:00).', tone: 'error' },
    ]);
    expect(messagesAt(issues, 'time_periods.0.end_time', false)).toEqual([
      { text: 'Stored value: The end must be after the start (10:00).', tone: 'warning' },
    ]);
    expect(helperOf(messagesAt(issues, 'exception_numbers.0', true))).toBe('Warning: Possible, but not valid.');
  });

  it("read the server's messages at a path, errors first", () => {
    expect(serverMessageAt(errors, 'exception_numbers.1')).toBe('not an E.164 number');
    expect(serverMessageAt(errors, 'time_periods.0')).toBeUndefined();
    expect(combine(messagesAt(issues, 'exception_numbers.0', true), 'from the server').map((m) => m.tone)).toEqual([
      'error',
      'warning',
    ]);
  });

  it('show the form check at the schedule only when no own error explains the block', () => {
    expect(rootMessage(errors, false)).toBe('time_periods.0: Unrecognized key: "label"');
    expect(rootMessage(errors, true)).toBeUndefined();
    expect(rootMessage({ no_calls_notify_time_period: { type: 'server', message: 'Bad' } }, true)).toBe('Bad');
  });
});
