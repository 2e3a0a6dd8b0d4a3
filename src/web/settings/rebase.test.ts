import { describe, expect, it } from 'vitest';
import { toFormValues } from '../../shared/form';
import { rebaseValues } from './rebase';
import { testProject } from './test-project';

describe('rebaseValues', () => {
  const oldBase = toFormValues(testProject());

  it('on a reload (412) keeps every unsent edit and takes the server value elsewhere', () => {
    const newBase = toFormValues(testProject({ max_call_duration: 777, name: 'Renamed elsewhere' }));
    const current = { ...oldBase, name: 'My name', sample_rate: '25' };
    const { values, kept } = rebaseValues(oldBase, newBase, current);
    expect(values.name).toBe('My name');
    expect(values.sample_rate).toBe('25');
    expect(values.max_call_duration).toBe('777');
    expect(kept).toEqual(['name', 'sample_rate']);
  });

  it('an edit equal to the new server value is simply clean', () => {
    const newBase = toFormValues(testProject({ name: 'Same' }));
    expect(rebaseValues(oldBase, newBase, { ...oldBase, name: 'Same' }).kept).toEqual([]);
  });

  it('after a save, sent fields take the server value; edits made meanwhile and unsent ones stay', () => {
    const sentValues = { ...oldBase, name: 'Saved name', outbound_timeout: '100', sample_rate: '10' };
    const current = { ...sentValues, outbound_timeout: '120' }; // typed while the PATCH was in flight
    const newBase = toFormValues(testProject({ name: 'Saved name', outbound_timeout: 100 }));
    const { values, kept } = rebaseValues(oldBase, newBase, current, {
      fields: ['name', 'outbound_timeout'],
      values: sentValues,
    });
    expect(values.name).toBe('Saved name');
    expect(values.outbound_timeout).toBe('120');
    expect(values.sample_rate).toBe('10');
    expect(kept).toEqual(['outbound_timeout', 'sample_rate']);
  });

  it('a sent secret returns to "keep"', () => {
    const sentValues = { ...oldBase, webhook_secret: { mode: 'replace' as const, value: 'whsec_1' } };
    const newBase = toFormValues(testProject({ webhook_secret_configured: true }));
    const { values } = rebaseValues(oldBase, newBase, sentValues, { fields: ['webhook_secret'], values: sentValues });
    expect(values.webhook_secret).toEqual({ mode: 'keep' });
  });
});
