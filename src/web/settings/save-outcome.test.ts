import { describe, expect, it } from 'vitest';
import { toFormValues } from '../../shared/form';
import { buildPatch } from '../../shared/patch';
import { ApiError } from '../api/client';
import { intendedValues, isUnknownOutcome, judgeSaveOutcome } from './save-outcome';
import { testProject } from './test-project';

const before = { project: testProject(), notes: [], etag: '"v1"' };
const draft = { ...toFormValues(before.project), name: 'Acme EU', sample_rate: '25' };
const patch = buildPatch(before.project, draft);
const sent = { fields: Object.keys(patch) as ('name' | 'sample_rate')[], values: intendedValues(before, patch, draft) };

describe('isUnknownOutcome', () => {
  it('is a dropped connection, a timeout or our 502 that says the connection dropped; not other failures', () => {
    expect(isUnknownOutcome(new ApiError(0, null, 'No answer'))).toBe(true);
    expect(isUnknownOutcome(new ApiError(504, { detail: 'The Cekura API did not answer within 15000 ms.' }))).toBe(
      true,
    );
    expect(
      isUnknownOutcome(
        new ApiError(502, {
          detail: 'The Cekura API connection dropped before it answered; the request may or may not have been applied.',
        }),
      ),
    ).toBe(true);
    expect(isUnknownOutcome(new ApiError(502, { detail: 'The Cekura API is unreachable.' }))).toBe(false);
    expect(isUnknownOutcome(new ApiError(500, { detail: 'Boom' }))).toBe(false);
    expect(isUnknownOutcome(new ApiError(412, { detail: 'Changed' }))).toBe(false);
    expect(isUnknownOutcome(new Error('x'))).toBe(false);
  });
});

describe('judgeSaveOutcome', () => {
  it('applied: the server holds every sent value (other fields may differ)', () => {
    const after = {
      project: testProject({ name: 'Acme EU', sample_rate: 0.25, max_call_duration: 777, updated_at: 'later' }),
      notes: [],
      etag: '"v2"',
    };
    expect(judgeSaveOutcome(before, after, sent)).toBe('applied');
  });

  it('not applied: the very same version is still there', () => {
    expect(judgeSaveOutcome(before, { ...before }, sent)).toBe('not-applied');
  });

  it('changed elsewhere: a new version without our values', () => {
    const after = { project: testProject({ max_call_duration: 777 }), notes: [], etag: '"v2"' };
    expect(judgeSaveOutcome(before, after, sent)).toBe('changed-elsewhere');
    const half = { project: testProject({ name: 'Acme EU' }), notes: [], etag: '"v3"' };
    expect(judgeSaveOutcome(before, half, sent)).toBe('changed-elsewhere');
  });

  it('secrets are judged by their configured flag', () => {
    const values = {
      ...toFormValues(before.project),
      webhook_secret: { mode: 'replace' as const, value: 'whsec_new' },
    };
    const secretSent = { fields: ['webhook_secret' as const], values };
    const stored = { project: testProject({ webhook_secret_configured: true }), notes: [], etag: '"v2"' };
    const missing = {
      project: testProject({ webhook_secret_configured: false, name: 'Other' }),
      notes: [],
      etag: '"v3"',
    };
    expect(judgeSaveOutcome(before, stored, secretSent)).toBe('applied');
    expect(judgeSaveOutcome(before, missing, secretSent)).toBe('changed-elsewhere');
  });

  it('a one-field action is judged by the value it sent, not the form', () => {
    const form = toFormValues(before.project);
    const deleted = { project: testProject({ is_deleted: true }), notes: [], etag: '"v2"' };
    const action = { fields: ['is_deleted' as const], values: intendedValues(before, { is_deleted: true }, form) };
    expect(judgeSaveOutcome(before, deleted, action)).toBe('applied');
  });
});
