// When a key press opens the settings search: Ctrl+K / Cmd+K anywhere, "/" only when not typing.

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey?: boolean;
  defaultPrevented?: boolean;
  target: EventTarget | null;
}

/** True when the target takes typed text (so "/" is a character there, not a shortcut). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const element = target as HTMLElement;
  if (element.isContentEditable) return true;
  if (element.closest('textarea, select, [contenteditable="true"], [role="textbox"], [role="combobox"]')) return true;
  if (element.tagName !== 'INPUT') return false;
  const type = (element as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'range', 'color'].includes(type);
}

/** True when the target is inside an open dialog: its keys belong to it. */
const inDialog = (target: EventTarget | null) =>
  !!target &&
  typeof (target as Element).closest === 'function' &&
  !!(target as Element).closest('[role="dialog"], [role="alertdialog"]');

export function isSearchShortcut(event: KeyLike): boolean {
  if (event.defaultPrevented || event.altKey) return false;
  if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') return !inDialog(event.target);
  if (event.key !== '/' || event.ctrlKey || event.metaKey) return false;
  return !isTypingTarget(event.target) && !inDialog(event.target);
}
