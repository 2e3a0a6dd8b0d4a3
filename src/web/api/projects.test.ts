import { describe, expect, it } from 'vitest';
import { readProjectList } from './projects';
import { modeLabel } from './config';

describe('readProjectList', () => {
  it('lists every project, marks deleted ones and names unnamed ones', () => {
    expect(
      readProjectList([
        { id: 3, name: 'Acme', is_deleted: false },
        { id: 4, name: '  ', is_deleted: true },
        { name: 'no id' },
        null,
      ]),
    ).toEqual([
      { id: 3, name: 'Acme', isDeleted: false },
      { id: 4, name: 'Project 4', isDeleted: true },
    ]);
    expect(() => readProjectList({ results: [] })).toThrow(/not a list/);
  });
});

describe('modeLabel', () => {
  it('always says whose data it is', () => {
    expect(modeLabel({ mode: 'emulator', upstreamHost: '127.0.0.1:4000' })).toBe('Demo data (built-in emulator)');
    expect(modeLabel({ mode: 'live', upstreamHost: 'api.cekura.ai' })).toBe('Live: api.cekura.ai');
  });
});
