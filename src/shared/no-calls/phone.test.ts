import { describe, expect, it } from 'vitest';
import { addNumbers, checkStoredNumber, normaliseNumber, splitPasted, UNVERIFIED_MESSAGE } from './phone';

describe('normaliseNumber', () => {
  it('normalises national and formatted numbers to E.164', () => {
    expect(normaliseNumber('+1 (555) 123-4567')).toEqual({
      value: '+15551234567',
      status: 'unverified',
      message: UNVERIFIED_MESSAGE,
    });
    expect(normaliseNumber('4155552671')).toEqual({ value: '+14155552671', status: 'valid' });
    expect(normaliseNumber('020 7946 0958', 'GB')).toEqual({ value: '+442079460958', status: 'valid' });
    expect(normaliseNumber(' +49 151 12345678 ')).toEqual({ value: '+4915112345678', status: 'valid' });
  });

  it('keeps a malformed entry as typed, with the reason', () => {
    expect(normaliseNumber('12ab')).toMatchObject({
      value: '12ab',
      status: 'invalid',
      message: expect.stringContaining('Not a phone number'),
    });
    expect(normaliseNumber('+1555')).toMatchObject({
      value: '+1555',
      status: 'invalid',
      message: 'Too short for a phone number.',
    });
    expect(normaliseNumber('41555526711234')).toMatchObject({
      status: 'invalid',
      message: 'Too long for a phone number.',
    });
    expect(normaliseNumber('+999 1234567')).toMatchObject({
      status: 'invalid',
      message: expect.stringContaining('country calling code'),
    });
  });
});

describe('checkStoredNumber', () => {
  it('accepts only E.164 possible numbers and warns on possible-but-not-valid ones', () => {
    expect(checkStoredNumber('+14155552671').status).toBe('valid');
    expect(checkStoredNumber('+15551234567').status).toBe('unverified');
    expect(checkStoredNumber('4155552671')).toMatchObject({
      status: 'invalid',
      message: expect.stringContaining('E.164'),
    });
    expect(checkStoredNumber('+1415555')).toMatchObject({
      status: 'invalid',
      message: 'Too short for a phone number.',
    });
    expect(checkStoredNumber(14155552671).status).toBe('invalid');
  });
});

describe('splitPasted', () => {
  it('splits at commas, semicolons and line breaks', () => {
    expect(splitPasted('+1 (555) 123-4567, 4155552671')).toEqual(['+1 (555) 123-4567', '4155552671']);
    expect(splitPasted('+14155552671;+12125550100\n\n 2125550101\r\n')).toEqual([
      '+14155552671',
      '+12125550100',
      '2125550101',
    ]);
  });

  it('keeps spaces inside a number and splits at spaces only between complete numbers', () => {
    expect(splitPasted('+1 415 555 2671')).toEqual(['+1 415 555 2671']);
    expect(splitPasted('+1 415 555 2671 +44 20 7946 0958')).toEqual(['+1 415 555 2671', '+44 20 7946 0958']);
    expect(splitPasted('4155552671 2125550100')).toEqual(['4155552671', '2125550100']);
    // Ambiguous: not one number, and not all complete numbers when split: kept whole, shown as malformed.
    expect(splitPasted('415 555 2671 212')).toEqual(['415 555 2671 212']);
  });
});

describe('addNumbers', () => {
  it('adds normalised numbers and merges duplicates, including ones already listed', () => {
    const result = addNumbers(['+14155552671'], '+1 (555) 123-4567, 4155552671; +15551234567, oops');
    expect(result).toEqual({ list: ['+14155552671', '+15551234567', 'oops'], added: 2, merged: 2 });
  });
});
