import { isValidTimeZone } from '../schemas/project';
import { periodsOf } from './periods';
import { checkE164Form, type StoredNumberCheck } from './number-form';
import { formatDuration, formatHhMm, MINUTES_PER_DAY, parseHhMm } from './time';

// The section's rules (decision 4) on a no_calls_notify_time_period value, each issue at its path
// inside the value ("time_periods.1.end_time"). Errors block a save of an edited schedule; warnings never do.

export type IssueSeverity = 'error' | 'warning';

export interface NoCallsIssue {
  path: string;
  message: string;
  severity: IssueSeverity;
}

export const OVERNIGHT_HINT = 'An overnight span is two windows, e.g. 22:00–23:59 and 00:00–06:00.';

type Push = (path: string, message: string, severity?: IssueSeverity) => void;

interface Span {
  index: number;
  start: number;
  end: number;
}

function checkPeriod(period: unknown, index: number, push: Push): Span | undefined {
  const at = `time_periods.${index}`;
  if (!period || typeof period !== 'object' || Array.isArray(period)) {
    push(at, 'Not a window (expected start, end and minutes).');
    return undefined;
  }
  const { start_time, end_time, time_frame } = period as Record<string, unknown>;
  const start = parseHhMm(start_time);
  const end = parseHhMm(end_time);
  if (start === undefined) push(`${at}.start_time`, 'Use 24-hour HH:MM, e.g. 09:00.');
  if (end === undefined) push(`${at}.end_time`, 'Use 24-hour HH:MM, e.g. 17:00.');
  const ordered = start !== undefined && end !== undefined && end > start;
  if (start !== undefined && end !== undefined && !ordered) {
    push(`${at}.end_time`, `The end must be after the start (${formatHhMm(start)}). ${OVERNIGHT_HINT}`);
  }
  if (typeof time_frame !== 'number' || !Number.isInteger(time_frame)) {
    push(`${at}.time_frame`, 'Enter whole minutes, from 1 to 1440.');
  } else if (time_frame < 1 || time_frame > MINUTES_PER_DAY) {
    push(`${at}.time_frame`, 'Enter whole minutes, from 1 to 1440 (a day).');
  } else if (ordered && time_frame > end - start) {
    push(
      `${at}.time_frame`,
      `Longer than the window (${formatDuration(end - start)}): the alert could never fire. Use at most ${end - start} minutes.`,
    );
  }
  return ordered ? { index, start, end } : undefined;
}

/** Windows may touch (17:00–18:00 after 09:00–17:00) but not share a minute. Flags the later-listed one. */
function checkOverlaps(spans: Span[], push: Push) {
  for (const later of spans) {
    const earlier = spans.find(
      (other) => other.index < later.index && other.start < later.end && later.start < other.end,
    );
    if (earlier) {
      push(
        `time_periods.${later.index}.start_time`,
        `Overlaps window ${earlier.index + 1} (${formatHhMm(earlier.start)}–${formatHhMm(earlier.end)}). Windows must not overlap.`,
      );
    }
  }
}

function checkNumbers(numbers: unknown, push: Push, checkNumber: StoredNumberCheck) {
  if (numbers === undefined) return;
  if (!Array.isArray(numbers)) return push('exception_numbers', 'Expected a list of phone numbers.');
  const seen = new Set<unknown>();
  numbers.forEach((number, index) => {
    const check = checkNumber(number);
    if (check.status === 'invalid') push(`exception_numbers.${index}`, check.message ?? 'Not a phone number.');
    else if (check.status === 'unverified')
      push(`exception_numbers.${index}`, check.message ?? 'Not a valid number.', 'warning');
    if (seen.has(number)) push(`exception_numbers.${index}`, 'Listed twice.', 'warning');
    seen.add(number);
  });
}

function checkAgents(agents: unknown, push: Push) {
  if (agents === undefined) return;
  if (!Array.isArray(agents)) return push('agents', 'Expected a list of agent ids.');
  agents.forEach((id, index) => {
    if (typeof id !== 'number' || !Number.isInteger(id))
      push(`agents.${index}`, `${JSON.stringify(id)} is not an agent id.`);
  });
}

/**
 * `checkNumber` decides what an exception number is: the full check (phone.ts checkStoredNumber) where
 * the phone metadata is loaded, the E.164 form alone (the default) where it is not yet.
 */
export function checkNoCalls(config: unknown, checkNumber: StoredNumberCheck = checkE164Form): NoCallsIssue[] {
  const issues: NoCallsIssue[] = [];
  const push: Push = (path, message, severity = 'error') => issues.push({ path, message, severity });
  // null and {} both mean "no schedule": nothing to check.
  if (config === null || config === undefined || (typeof config === 'object' && Object.keys(config).length === 0))
    return issues;
  if (typeof config !== 'object' || Array.isArray(config)) {
    push('', 'The stored schedule is not an object.');
    return issues;
  }
  const value = config as Record<string, unknown>;
  if (typeof value.time_zone !== 'string' || !isValidTimeZone(value.time_zone)) {
    push('time_zone', 'Choose a time zone (an IANA name such as America/New_York).');
  }
  if (!Array.isArray(value.time_periods)) push('time_periods', 'Expected a list of windows.');
  const spans = periodsOf(value).flatMap((period, index) => checkPeriod(period, index, push) ?? []);
  checkOverlaps(spans, push);
  checkNumbers(value.exception_numbers, push, checkNumber);
  checkAgents(value.agents, push);
  return issues;
}

/** Issues at one path (exactly), errors first. */
export function issuesAt(issues: NoCallsIssue[], path: string): NoCallsIssue[] {
  return issues
    .filter((issue) => issue.path === path)
    .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
}
