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

/**
 * After a section link was followed: once the new page's heading is there (and no drawer or dialog holds the
 * focus), the focus moves to it, so the next Tab goes into the section instead of down the list. Left alone
 * when the user has meanwhile put the focus somewhere else than the navigation.
 */
export function focusHeadingAfterNavigation(previous: Element | null, timeoutMs = 5000): void {
  const deadline = Date.now() + timeoutMs;
  const attempt = () => {
    const active = document.activeElement;
    const stillInNav = !active || active === document.body || !!active.closest('nav, .MuiModal-root');
    if (!stillInNav) return;
    const heading = document.querySelector('main h1');
    const modalOpen = document.querySelector('.MuiModal-root:not(.MuiModal-hidden)');
    if (heading && heading !== previous && !modalOpen) {
      focusMainHeading();
      return;
    }
    if (Date.now() < deadline) window.setTimeout(attempt, 50);
  };
  attempt();
}
