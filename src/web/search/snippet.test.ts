import { describe, expect, it } from 'vitest';
import { PROJECT_FIELDS } from '../../shared/schemas/project';
import { snippet } from './snippet';

describe('snippet', () => {
  it('keeps a short description whole and an empty one empty', () => {
    expect(snippet('Send the daily report even on a day without calls.', 'daily')).toBe(
      'Send the daily report even on a day without calls.',
    );
    expect(snippet(undefined, 'x')).toBe('');
  });

  it('cuts a long description around the first matched word, at word boundaries', () => {
    const text = PROJECT_FIELDS.use_provider_transcript.description ?? '';
    expect(text.length).toBeGreaterThan(60);
    const cut = snippet(text, 'tool calls', 60);
    expect(cut.length).toBeLessThanOrEqual(62);
    expect(cut).toContain('tool calls');
    expect(cut.startsWith('…')).toBe(true);
    expect(text.replace(/\s+/g, ' ')).toContain(cut.replace(/^…|…$/g, ''));
  });

  it('starts at the beginning when the match is early or absent', () => {
    const text = 'Alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau';
    expect(snippet(text, 'beta', 40).startsWith('Alpha beta')).toBe(true);
    expect(snippet(text, 'nothing', 40)).toMatch(/^Alpha .*…$/);
  });
});
