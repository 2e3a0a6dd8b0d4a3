import { checkNoCalls } from '../../../shared/no-calls/checks';
import { checkE164Form, type StoredNumberCheck } from '../../../shared/no-calls/number-form';
import type { SectionValidator } from '../../settings/section-validators';
import { FIELD } from './messages';

// This module is part of the first page load (the shell's resolver imports every validator), so the
// phone metadata (about 30 KB gzip) is not imported here: the full number check is loaded on first
// need, and it is already loaded whenever the no-calls section is open (the section imports it).
let checkNumber: StoredNumberCheck = checkE164Form;
let loading: Promise<void> | undefined;

export function loadPhoneCheck(): void {
  loading ??= import('../../../shared/no-calls/phone').then(
    (phone) => {
      checkNumber = phone.checkStoredNumber;
    },
    () => {
      loading = undefined; // a failed chunk load is retried next time; the E.164 form check stays meanwhile
    },
  );
}

/**
 * The blocking rules of the no-calls schedule (decision 4): malformed or unordered times, overlapping
 * windows, minutes outside 1..1440 or longer than their window, an unknown time zone, and exception
 * numbers that are not E.164 possible numbers (malformed entries stay in the list so nothing typed is
 * lost, and this blocks sending them). Warnings (a 555 number, an agent not found) never block.
 * The resolver keeps these only while the schedule is edited.
 */
export const noCallsValidator: SectionValidator = ({ values }) => {
  const schedule = values[FIELD];
  if (schedule && Array.isArray(schedule.exception_numbers) && schedule.exception_numbers.length > 0) loadPhoneCheck();
  return checkNoCalls(schedule, checkNumber)
    .filter((issue) => issue.severity === 'error')
    .map((issue) => ({ path: issue.path ? `${FIELD}.${issue.path}` : FIELD, message: issue.message }));
};
