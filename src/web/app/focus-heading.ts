/**
 * Moves the focus to the page's main heading (made focusable by script only, tabindex -1: it is no Tab stop).
 * Used after navigating to a section and when the control that had the focus goes away.
 */
export function focusMainHeading(): boolean {
  const heading = document.querySelector<HTMLElement>('main h1');
  if (!heading) return false;
  if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
  heading.focus({ preventScroll: true });
  return document.activeElement === heading;
}
