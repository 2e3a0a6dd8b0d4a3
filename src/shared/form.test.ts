import { FIELD_BOUNDS, PROJECT_FIELDS, boundPartnersOf } from './schemas/fields';
import { describe, expect, it } from 'vitest';
import {
  fractionToPercentText,
  fromFormValue,
  percentTextToFraction,
  toFormValues,
  validateField,
  type ProjectFormValues,
} from './form';
import type { Project } from './schemas/project';

const values = (overrides: Partial<ProjectFormValues> = {}) =>
  ({
    ...toFormValues({ id: 1, min_call_duration: 30, max_call_duration: 300 } as Project),
    ...overrides,
  }) as ProjectFormValues;

describe('form codecs', () => {
  it('shows sample_rate as a percentage rounded to 3 decimals and reads it back as a fraction', () => {
    expect(fractionToPercentText(0.5)).toBe('50');
    expect(fractionToPercentText(0.001)).toBe('0.1');
    expect(fractionToPercentText(0.123456)).toBe('12.346');
    expect(fractionToPercentText(null)).toBe('');
    expect(percentTextToFraction('0.1')).toBe(0.001);
    expect(percentTextToFraction(' 12.5 ')).toBe(0.125);
    expect(percentTextToFraction('0.001')).toBe(0.00001);
  });

  it('keeps what the API sent in a form shape: null strings as "", numbers as text, secrets as keep', () => {
    const form = toFormValues({
      id: 1,
      name: null,
      outbound_timeout: 300,
      webhook_secret: 'x',
      daily_report_dashboard_ids: [1, 'a'],
    } as unknown as Project);
    expect(form.name).toBe('');
    expect(form.outbound_timeout).toBe('300');
    expect(form.webhook_secret).toEqual({ mode: 'keep' });
    expect(form.daily_report_dashboard_ids).toEqual([1]);
    expect(form.rubric_config).toEqual({});
    expect(form.no_calls_notify_time_period).toBeNull();
    expect(fromFormValue('outbound_timeout', ' 42 ')).toBe(42);
  });
});

describe('validateField', () => {
  it('integers: whole, non-negative, within int32', () => {
    expect(validateField('max_messages_chat_runs_limit', '100')).toBeUndefined();
    expect(validateField('max_messages_chat_runs_limit', '')).toBe('Enter a whole number.');
    expect(validateField('max_messages_chat_runs_limit', '12.5')).toBe(
      'Enter a whole number (no decimals or letters).',
    );
    expect(validateField('max_messages_chat_runs_limit', '12a')).toBe('Enter a whole number (no decimals or letters).');
    expect(validateField('max_messages_chat_runs_limit', '-1')).toBe('Must be 0 or more.');
    expect(validateField('max_messages_chat_runs_limit', '2147483648')).toMatch(/At most 2147483647/);
  });

  it('outbound timeout: at most 300 seconds', () => {
    expect(validateField('outbound_timeout', '300')).toBeUndefined();
    expect(validateField('outbound_timeout', '301')).toBe('At most 300 seconds (5 minutes).');
  });

  it('call durations: the minimum never exceeds the maximum, checked from either side', () => {
    expect(validateField('min_call_duration', '30', values())).toBeUndefined();
    expect(validateField('min_call_duration', '301', values())).toBe(
      'The minimum call duration must not exceed the maximum.',
    );
    expect(validateField('max_call_duration', '29', values())).toBe(
      'The minimum call duration must not exceed the maximum.',
    );
    expect(validateField('max_call_duration', '30', values())).toBeUndefined();
    // While the other side is not a number yet, only the field's own rules apply.
    expect(validateField('min_call_duration', '500', values({ max_call_duration: 'abc' }))).toBeUndefined();
  });

  it('every declared bound names two whole-number fields, and each re-checks the other', () => {
    for (const { lower, upper } of FIELD_BOUNDS) {
      expect([PROJECT_FIELDS[lower].kind, PROJECT_FIELDS[upper].kind]).toEqual(['int', 'int']);
      expect(boundPartnersOf(lower)).toContain(upper);
      expect(boundPartnersOf(upper)).toContain(lower);
    }
    expect(boundPartnersOf('outbound_timeout')).toEqual([]);
  });

  it('sample rate: a percentage 0..100 with at most 3 decimals', () => {
    for (const ok of ['0', '100', '0.001', '12.5', '.5', '50.'])
      expect(validateField('sample_rate', ok), ok).toBeUndefined();
    expect(validateField('sample_rate', '')).toBe('Enter a percentage between 0 and 100.');
    expect(validateField('sample_rate', '100.1')).toBe('Enter a percentage between 0 and 100.');
    expect(validateField('sample_rate', '-1')).toBe('Enter a percentage between 0 and 100.');
    expect(validateField('sample_rate', '1e2')).toBe('Enter a number, e.g. 50 or 0.1.');
    expect(validateField('sample_rate', '0.0005')).toBe('At most 3 decimals (0.001% is the finest step).');
  });

  it('name: not blank, at most 255 characters', () => {
    expect(validateField('name', 'Acme')).toBeUndefined();
    expect(validateField('name', '   ')).toBe('This field may not be blank.');
    expect(validateField('name', 'x'.repeat(256))).toBe('At most 255 characters.');
  });

  it('time zone: any name Intl accepts (decision 5), including ones its list omits', () => {
    for (const zone of ['UTC', 'Asia/Kolkata', 'Europe/Kyiv', 'America/New_York'])
      expect(validateField('timezone', zone), zone).toBeUndefined();
    expect(validateField('timezone', 'Mars/Olympus')).toMatch(/Not a time zone/);
    expect(validateField('timezone', '')).toMatch(/Not a time zone/);
  });

  it('webhook URL: empty (removes it) or http(s)', () => {
    expect(validateField('webhook_url', '')).toBeUndefined();
    expect(validateField('webhook_url', 'https://hooks.example.com/x')).toBeUndefined();
    expect(validateField('webhook_url', 'ftp://x')).toBe('Enter a full http:// or https:// URL.');
  });

  it('secrets: a replacement needs a value', () => {
    expect(validateField('webhook_secret', { mode: 'keep' })).toBeUndefined();
    expect(validateField('webhook_secret', { mode: 'clear' })).toBeUndefined();
    expect(validateField('webhook_secret', { mode: 'replace', value: ' ' })).toBe(
      'Enter the new value, or cancel the replacement.',
    );
  });

  it('rubric shape: a rule needs a condition; messages carry the path inside the value', () => {
    expect(validateField('rubric_config', {})).toBeUndefined();
    const bad = { evaluation_logic: 'and', rules: [{ metric_id: 1, conditions: { operator: 'and', conditions: [] } }] };
    expect(validateField('rubric_config', bad)).toBeDefined();
  });
});
