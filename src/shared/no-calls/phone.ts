import {
  getCountries,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
  type CountryCode,
} from 'libphonenumber-js/min';
import { E164 } from '../schemas/no-calls';
import { checkE164Form, type NumberCheck, type StoredNumberCheck } from './number-form';

// Exception numbers. libphonenumber-js with its "min" metadata (about 30 KB gzip against 50 KB for
// "max"): it tells "possible" (right length for the country) from "valid" (in a numbering plan) well
// enough for this use; the documentation's own +15551234567 is possible but not valid either way.

export type { CountryCode };
export const DEFAULT_COUNTRY: CountryCode = 'US';
export const COUNTRIES: readonly CountryCode[] = getCountries();

export type { NumberCheck, NumberStatus } from './number-form';

const ALLOWED = /^\+?[\d\s().\-/]+$/;

const LENGTH_MESSAGES: Record<string, string> = {
  TOO_SHORT: 'Too short for a phone number.',
  TOO_LONG: 'Too long for a phone number.',
  INVALID_LENGTH: 'Not a possible length for a phone number of that country.',
  INVALID_COUNTRY: 'Unknown country calling code: start with + and the country code, e.g. +44.',
  NOT_A_NUMBER: 'Not a phone number.',
};

export const UNVERIFIED_MESSAGE =
  'Possible, but not in any numbering plan (e.g. a 555 number): check it. Saving is allowed.';

/** Reads what the user typed or pasted, with `country` for numbers written without +. */
export function normaliseNumber(raw: string, country: CountryCode = DEFAULT_COUNTRY): NumberCheck {
  const text = raw.trim();
  if (!text) return { value: text, status: 'invalid', message: 'Empty entry.' };
  if (!ALLOWED.test(text)) {
    return {
      value: text,
      status: 'invalid',
      message: 'Not a phone number: use digits, spaces, ( ) - . and an optional leading +.',
    };
  }
  const lengthIssue = validatePhoneNumberLength(text, country);
  if (lengthIssue)
    return { value: text, status: 'invalid', message: LENGTH_MESSAGES[lengthIssue] ?? 'Not a possible phone number.' };
  const parsed = parsePhoneNumberFromString(text, country);
  if (!parsed || !parsed.isPossible() || !E164.test(parsed.number)) {
    return { value: text, status: 'invalid', message: 'Not a possible phone number.' };
  }
  return parsed.isValid()
    ? { value: parsed.number, status: 'valid' }
    : { value: parsed.number, status: 'unverified', message: UNVERIFIED_MESSAGE };
}

/** Checks an entry of the stored list (what would be sent): only E.164 that is a possible number passes. */
export const checkStoredNumber: StoredNumberCheck = (value) => {
  const form = checkE164Form(value);
  return form.status === 'invalid' ? form : { ...normaliseNumber(form.value), value: form.value };
};

const HARD_SEPARATORS = /[,;\n\r\t]+/;

/**
 * Splits pasted text into entries. Commas, semicolons, tabs and line breaks always separate. Spaces
 * are part of a number ("+1 415 555 2671") unless the chunk as a whole is not a possible number and
 * splitting it yields only possible numbers: first at spaces before a "+" ("+1 415 555 2671 +44 20
 * 7946 0958"), then at every space ("4155552671 2125550100"). Otherwise the chunk stays whole and
 * shows as one malformed entry, so nothing typed is silently dropped or mangled.
 */
export function splitPasted(text: string, country: CountryCode = DEFAULT_COUNTRY): string[] {
  const possible = (piece: string) => normaliseNumber(piece, country).status !== 'invalid';
  return text
    .split(HARD_SEPARATORS)
    .map((chunk) => chunk.trim())
    .filter(Boolean)
    .flatMap((chunk) => {
      if (possible(chunk)) return [chunk];
      for (const pattern of [/\s+(?=\+)/, /\s+/]) {
        const pieces = chunk.split(pattern).filter(Boolean);
        if (pieces.length > 1 && pieces.every(possible)) return pieces;
      }
      return [chunk];
    });
}

/** Adds pasted or typed entries: each normalised to E.164 when possible; duplicates merge. */
export function addNumbers(
  list: readonly unknown[],
  text: string,
  country: CountryCode = DEFAULT_COUNTRY,
): { list: unknown[]; added: number; merged: number } {
  const next = [...list];
  let added = 0;
  let merged = 0;
  for (const piece of splitPasted(text, country)) {
    const { value } = normaliseNumber(piece, country);
    if (next.includes(value)) merged += 1;
    else {
      next.push(value);
      added += 1;
    }
  }
  return { list: next, added, merged };
}
