// The router listens to `popstate` too, and once it has seen a back step the project unmounts at once.
// Listeners on window run in registration order, so this one is installed before the router mounts
// (from main.tsx) and lets the unsaved-changes guard see each step first, and stop it.

type Gate = (event: PopStateEvent) => boolean;

let gate: Gate | null = null;
let installed = false;

export function installPopStateGate(target: Window = window): void {
  if (installed) return;
  installed = true;
  target.addEventListener('popstate', (event) => {
    if (gate?.(event)) event.stopImmediatePropagation();
  });
}

/** Sets the guard (returns true to swallow the step); returns a function that removes it. */
export function setPopStateGate(next: Gate): () => void {
  gate = next;
  return () => {
    if (gate === next) gate = null;
  };
}
