import { E164 } from '../schemas/no-calls';

// The light part of the exception-number check (no phone metadata), for code on the first page load.
// The full check (possible / valid, with libphonenumber-js) lives in phone.ts and loads with the section.

export type NumberStatus = 'valid' | 'unverified' | 'invalid';

export interface NumberCheck {
  /** E.164 when the entry could be normalised, else the entry as typed (trimmed). */
  value: string;
  status: NumberStatus;
  message?: string;
}

export type StoredNumberCheck = (value: unknown) => NumberCheck;

export const NOT_E164_MESSAGE = 'Not in international form (E.164, e.g. +14155552671): fix or remove it.';

/** Form only: a string matching E.164. Length for the country is not checked here. */
export const checkE164Form: StoredNumberCheck = (value) => {
  if (typeof value !== 'string')
    return { value: JSON.stringify(value), status: 'invalid', message: 'Not a phone number (not text).' };
  return E164.test(value) ? { value, status: 'valid' } : { value, status: 'invalid', message: NOT_E164_MESSAGE };
};
