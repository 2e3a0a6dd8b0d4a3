// Pure rules of the unsaved-changes guard: moving between a project's sections never asks; leaving it does.

export function isInsideProject(pathname: string, projectId: number): boolean {
  const base = `/projects/${projectId}`;
  return pathname === base || pathname.startsWith(`${base}/`);
}

/** The in-app path a click on this anchor would open, or null when the guard should let the browser act. */
export function guardedTarget(
  anchor: { href: string; target: string; hasAttribute(name: string): boolean },
  event: {
    button: number;
    metaKey: boolean;
    ctrlKey: boolean;
    shiftKey: boolean;
    altKey: boolean;
    defaultPrevented: boolean;
  },
  origin: string,
  projectId: number,
): string | null {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
    return null;
  if ((anchor.target && anchor.target !== '_self') || anchor.hasAttribute('download')) return null;
  let url: URL;
  try {
    url = new URL(anchor.href, origin);
  } catch {
    return null;
  }
  if (url.origin !== origin || isInsideProject(url.pathname, projectId)) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** How many history steps a popstate moved (from the router's `idx` in history.state), if known. */
export function historyDelta(newState: unknown, previousIndex: unknown): number | undefined {
  const next = (newState as { idx?: unknown } | null)?.idx;
  if (typeof next !== 'number' || typeof previousIndex !== 'number') return undefined;
  return next - previousIndex || undefined;
}
