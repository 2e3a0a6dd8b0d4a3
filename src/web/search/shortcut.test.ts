// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { isSearchShortcut, isTypingTarget } from './shortcut';

const key = (
  keyName: string,
  target: EventTarget | null,
  mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; defaultPrevented: boolean }> = {},
) => ({
  key: keyName,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  target,
  ...mods,
});

function element(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body.querySelector('[data-t]') as HTMLElement;
}

describe('isSearchShortcut', () => {
  it('"/" opens the search outside text fields only', () => {
    expect(isSearchShortcut(key('/', document.body))).toBe(true);
    expect(isSearchShortcut(key('/', element('<button data-t>Save</button>')))).toBe(true);
    expect(isSearchShortcut(key('/', element('<input data-t type="checkbox">')))).toBe(true);
    expect(isSearchShortcut(key('/', element('<input data-t>')))).toBe(false);
    expect(isSearchShortcut(key('/', element('<input data-t type="url">')))).toBe(false);
    expect(isSearchShortcut(key('/', element('<textarea data-t></textarea>')))).toBe(false);
    expect(isSearchShortcut(key('/', element('<div contenteditable="true"><span data-t>x</span></div>')))).toBe(false);
  });

  it('Ctrl+K and Cmd+K open it from anywhere, also inside a field', () => {
    const input = element('<input data-t>');
    expect(isSearchShortcut(key('k', input, { ctrlKey: true }))).toBe(true);
    expect(isSearchShortcut(key('K', document.body, { metaKey: true }))).toBe(true);
    expect(isSearchShortcut(key('k', document.body))).toBe(false);
    expect(isSearchShortcut(key('k', document.body, { ctrlKey: true, altKey: true }))).toBe(false);
  });

  it('leaves keys alone inside an open dialog and when already handled', () => {
    const inDialog = element('<div role="dialog"><button data-t>OK</button></div>');
    expect(isSearchShortcut(key('/', inDialog))).toBe(false);
    expect(isSearchShortcut(key('k', inDialog, { ctrlKey: true }))).toBe(false);
    expect(isSearchShortcut(key('/', document.body, { defaultPrevented: true }))).toBe(false);
  });
});

it('isTypingTarget: text inputs and comboboxes take typed text, switches and buttons do not', () => {
  expect(isTypingTarget(element('<input data-t type="search">'))).toBe(true);
  expect(isTypingTarget(element('<div role="combobox" tabindex="0" data-t></div>'))).toBe(true);
  expect(isTypingTarget(element('<input data-t type="radio">'))).toBe(false);
  expect(isTypingTarget(null)).toBe(false);
});
