// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { searchSettings } from '../../shared/settings-search';
import SearchDialog from './SearchDialog';

afterEach(cleanup);

function setup() {
  const onPick = vi.fn();
  const onClose = vi.fn();
  render(<SearchDialog onPick={onPick} onClose={onClose} />);
  const dialog = screen.getByRole('dialog', { name: 'Search settings' });
  const input = within(dialog).getByRole('combobox', { name: 'Find a setting' });
  return { onPick, onClose, dialog, input, user: userEvent.setup() };
}

describe('SearchDialog', () => {
  it('lists matches with label, section, field name and description; arrows move, Enter picks', async () => {
    const { onPick, input, user } = setup();
    expect(input).toHaveFocus();
    await user.type(input, 'daily report');
    const expected = searchSettings('daily report', 10);
    const options = screen.getAllByRole('option');
    expect(options).toHaveLength(expected.length);
    expect(options[0]).toHaveTextContent(`${expected[0].label}${expected[0].sectionLabel} · ${expected[0].field}`);
    expect(options[0]).toHaveAttribute('aria-selected', 'true');
    expect(input).toHaveAttribute('aria-activedescendant', options[0].id);
    expect(input).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByRole('status')).toHaveTextContent(`${expected.length} settings found.`);

    await user.keyboard('{ArrowDown}');
    expect(screen.getAllByRole('option')[1]).toHaveAttribute('aria-selected', 'true');
    expect(input).toHaveAttribute('aria-activedescendant', options[1].id);
    await user.keyboard('{Enter}');
    expect(onPick).toHaveBeenCalledWith(expected[1]);
  });

  it('wraps around with ArrowUp and picks with a click', async () => {
    const { onPick, input, user } = setup();
    await user.type(input, 'webhook');
    await user.keyboard('{ArrowUp}');
    const options = screen.getAllByRole('option');
    expect(options.at(-1)).toHaveAttribute('aria-selected', 'true');
    await user.click(options[2]);
    expect(onPick).toHaveBeenCalledWith(searchSettings('webhook', 10)[2]);
  });

  it('shows a description snippet, and says when nothing matches', async () => {
    const { input, user } = setup();
    await user.type(input, 'X-CEKURA-SECRET');
    expect(screen.getAllByRole('option')[0]).toHaveTextContent('Sent by Cekura in the X-CEKURA-SECRET header');
    await user.clear(input);
    await user.type(input, 'zzzz');
    expect(screen.queryAllByRole('option')).toHaveLength(0);
    expect(input).toHaveAttribute('aria-expanded', 'false');
    expect(screen.getByRole('status')).toHaveTextContent('No setting matches "zzzz".');
  });

  it('Escape closes it', async () => {
    const { onClose, user } = setup();
    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalled();
  });
});
