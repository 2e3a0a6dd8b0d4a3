// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';

// Each import after vi.resetModules() is a fresh page: only sessionStorage carries over, as after a reload.
const freshPage = async () => {
  vi.resetModules();
  return import('./mapping-note');
};

const note = {
  title: 'Taken from "Bolt Sales Outbound"',
  lines: ['Metric "Latency (ms)" #5 -> "Latency (ms)" #9'],
  fields: ['rubric_config'],
};

describe('mapping note', () => {
  afterEach(() => sessionStorage.clear());

  it('survives a reload of the tab, per project', async () => {
    const before = await freshPage();
    before.setMappingNote(1, note);
    const after = await freshPage();
    const { renderHook } = await import('@testing-library/react');
    expect(renderHook(() => after.useMappingNote(1)).result.current).toEqual(note);
    expect(renderHook(() => after.useMappingNote(2)).result.current).toBeUndefined();
  });

  it('is gone after a reload once cleared (the save it belongs to was confirmed)', async () => {
    const before = await freshPage();
    before.setMappingNote(1, note);
    before.setMappingNote(1, null);
    expect(sessionStorage.getItem(before.mappingNoteKey(1))).toBeNull();
    const after = await freshPage();
    const { renderHook } = await import('@testing-library/react');
    expect(renderHook(() => after.useMappingNote(1)).result.current).toBeUndefined();
  });

  it('ignores a damaged stored note', async () => {
    const page = await freshPage();
    sessionStorage.setItem(page.mappingNoteKey(3), '{"title": 1');
    sessionStorage.setItem(page.mappingNoteKey(4), JSON.stringify({ title: 'x', lines: 'not a list', fields: [] }));
    const { renderHook } = await import('@testing-library/react');
    expect(renderHook(() => page.useMappingNote(3)).result.current).toBeUndefined();
    expect(renderHook(() => page.useMappingNote(4)).result.current).toBeUndefined();
  });
});
