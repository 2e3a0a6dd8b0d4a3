// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { SaveBar } from './SaveBar';
import { DirtyNowContext, DirtyStateContext, SaveActionsContext, type SaveActions } from './shell-context';

afterEach(cleanup);

function renderBar(dirtyNow: boolean, changes: number, overrides: Partial<SaveActions> = {}) {
  const actions: SaveActions = {
    save: vi.fn(),
    discard: vi.fn(),
    saveFields: vi.fn(),
    markRevert: vi.fn(),
    saving: false,
    readOnly: false,
    ...overrides,
  };
  render(
    <SaveActionsContext.Provider value={actions}>
      <DirtyNowContext.Provider value={() => dirtyNow}>
        <DirtyStateContext.Provider value={{ fields: [], bySection: {}, changes }}>
          <SaveBar />
        </DirtyStateContext.Provider>
      </DirtyNowContext.Provider>
    </SaveActionsContext.Provider>,
  );
  return actions;
}

describe('SaveBar: Ctrl+S', () => {
  it('saves an edit the deferred count does not show yet (pressed right after a keystroke)', () => {
    const actions = renderBar(true, 0);
    expect(screen.getByRole('status').textContent).toBe('No unsaved changes');
    fireEvent.keyDown(window, { key: 's', ctrlKey: true });
    expect(actions.save).toHaveBeenCalledTimes(1);
  });

  it('does nothing when the form has no edit, while saving, or read-only', () => {
    for (const [dirty, overrides] of [
      [false, {}],
      [true, { saving: true }],
      [true, { readOnly: true }],
    ] as const) {
      const actions = renderBar(dirty, dirty ? 1 : 0, overrides);
      fireEvent.keyDown(window, { key: 's', ctrlKey: true });
      expect(actions.save).not.toHaveBeenCalled();
      cleanup();
    }
  });
});
