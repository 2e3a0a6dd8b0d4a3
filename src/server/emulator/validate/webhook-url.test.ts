import { describe, expect, it } from 'vitest';
import { planPatch } from './patch';
import { validateField } from '../../../shared/form';
import { WEBHOOK_URL_MAX } from '../../../shared/schemas/webhook-url';

// One rule for the browser and the emulator: every case is judged the same by both.
const long = `https://hooks.example.com/${'a'.repeat(WEBHOOK_URL_MAX)}`;
const CASES: [string, string, boolean][] = [
  ['empty (removes it)', '', true],
  ['https', 'https://hooks.example.com/cekura?x=1', true],
  ['http localhost with a port', 'http://localhost:8080/hook', true],
  ['surrounding blanks (the API trims them)', '  https://hooks.example.com/x ', true],
  ['exactly the maximum', `https://hooks.example.com/${'a'.repeat(WEBHOOK_URL_MAX - 26)}`, true],
  ['a space in the host', 'https://exa mple.com', false],
  ['a space in the path', 'https://example.com/a b', false],
  ['over the maximum', long, false],
  ['ftp', 'ftp://files.example.com/hook', false],
  ['no domain', 'https://intranet/hook', false],
  ['not a URL', 'not a url', false],
];

describe('webhook URL rule', () => {
  it.each(CASES)('%s: browser and emulator agree', (_name, url, valid) => {
    const browser = validateField('webhook_url', url);
    const emulator = planPatch({ webhook_url: url }, () => new Map());
    expect(browser === undefined).toBe(valid);
    expect(emulator.ok).toBe(valid);
  });

  it('says what is wrong in words', () => {
    expect(validateField('webhook_url', 'https://exa mple.com')).toBe('A URL cannot contain spaces.');
    expect(validateField('webhook_url', long)).toBe(`At most 200 characters (this one has ${long.length}).`);
    expect(validateField('webhook_url', 'ftp://x')).toBe('Enter a full http:// or https:// URL.');
  });
});
