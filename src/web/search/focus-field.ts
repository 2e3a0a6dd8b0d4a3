import { PROJECT_FIELDS, type ProjectField } from '../../shared/schemas/project';

// The jump to a setting, generic over the sections: find the field's element on the page, scroll to it,
// focus it and outline it for a moment. Sections need nothing special: a control named after the field,
// a container marked `data-field`, or an input labelled with the field's label is found.

const FOCUSABLE =
  'input:not([type="hidden"]), textarea, select, button, a[href], [tabindex]:not([tabindex="-1"]), [role="tab"]';
export const HIGHLIGHT_MS = 2000;
export const HIGHLIGHT_ATTRIBUTE = 'data-search-highlight';

export const isProjectField = (value: string | null): value is ProjectField =>
  !!value && Object.hasOwn(PROJECT_FIELDS, value);

const normalise = (text: string | null | undefined) =>
  (text ?? '')
    .replace(/[\s\u00a0]+/g, ' ')
    .replace(/\s*\*$/, '')
    .trim();

function canTakeFocus(element: Element): element is HTMLElement {
  if (!(element instanceof HTMLElement) || !element.matches(FOCUSABLE)) return false;
  if (element.matches(':disabled') || element.getAttribute('aria-hidden') === 'true') return false;
  return element.tabIndex >= 0;
}

/** The input a <label> names (its `for` target or the control inside it). */
function controlOfLabel(label: HTMLLabelElement): Element | null {
  if (label.htmlFor) return label.ownerDocument.getElementById(label.htmlFor);
  return label.querySelector('input, textarea, select');
}

/** The element that stands for a field: `[name]`, then `[data-field]`, then the input labelled with its label. */
export function findFieldElement(field: ProjectField, root: ParentNode = document): Element | null {
  // Field names are [a-z_] (PROJECT_FIELDS keys): safe inside a selector as they are.
  const named = root.querySelector(`[name="${field}"]`);
  if (named) return named;
  const marked = root.querySelector(`[data-field="${field}"]`);
  if (marked) return marked;
  const label = normalise(PROJECT_FIELDS[field].label);
  for (const element of root.querySelectorAll('label')) {
    if (normalise(element.textContent) !== label) continue;
    const control = controlOfLabel(element);
    if (control) return control;
  }
  return null;
}

// Boxes around a control, nearest kind first; a switch's own input is transparent, so never outline it alone.
const BOXES = [
  'label',
  '.MuiFormControl-root',
  'td, th, [role="cell"], [role="gridcell"]',
  '.MuiSwitch-root, .MuiCheckbox-root, .MuiRadio-root',
];

/** What gets the outline: the marked container, the switch's label row, the text field's box, the table cell, else the element. */
export function highlightTargetOf(element: Element): HTMLElement {
  if (element.hasAttribute('data-field')) return element as HTMLElement;
  for (const selector of BOXES) {
    const box = element.closest(selector);
    if (box) return box as HTMLElement;
  }
  return element as HTMLElement;
}

/** What gets the keyboard focus: the element itself when it can, else the first focusable control inside its box. */
export function focusTargetOf(element: Element): HTMLElement | null {
  if (canTakeFocus(element)) return element;
  const box = highlightTargetOf(element);
  for (const candidate of box.querySelectorAll(FOCUSABLE)) if (canTakeFocus(candidate)) return candidate;
  return null;
}

const reducedMotion = () =>
  typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;

function outlineColour(): string {
  const fromTheme = getComputedStyle(document.documentElement).getPropertyValue('--mui-palette-primary-main').trim();
  return fromTheme || '#1976d2';
}

/** Outlines the element for HIGHLIGHT_MS (Web Animations: no stylesheet needed, CSP-safe) and marks it meanwhile. */
export function highlight(target: HTMLElement): void {
  target.setAttribute(HIGHLIGHT_ATTRIBUTE, 'true');
  const colour = outlineColour();
  const frame = (outlineColor: string, offset: number) => ({
    outlineStyle: 'solid',
    outlineWidth: '3px',
    outlineOffset: '4px',
    outlineColor,
    offset,
  });
  target.animate?.([frame(colour, 0), frame(colour, reducedMotion() ? 0.99 : 0.6), frame('transparent', 1)], {
    duration: HIGHLIGHT_MS,
    easing: 'ease-in',
  });
  window.setTimeout(() => target.removeAttribute(HIGHLIGHT_ATTRIBUTE), HIGHLIGHT_MS);
}

/** Scrolls to the element, focuses it and outlines it. Returns the focused element (null when nothing could take focus). */
export function revealField(element: Element): HTMLElement | null {
  const box = highlightTargetOf(element);
  box.scrollIntoView?.({ block: 'center', behavior: reducedMotion() ? 'auto' : 'smooth' });
  const focus = focusTargetOf(element);
  focus?.focus({ preventScroll: true });
  highlight(box);
  return focus;
}

/** The heading (h1-h4) or the control labelled with `text` (a part of a section found by search). */
export function findPlaceElement(text: string, root: ParentNode = document): Element | null {
  const wanted = normalise(text);
  for (const heading of root.querySelectorAll('h1, h2, h3, h4'))
    if (normalise(heading.textContent) === wanted) return heading;
  for (const label of root.querySelectorAll('label')) {
    if (normalise(label.textContent) !== wanted) continue;
    const control = controlOfLabel(label);
    if (control) return control;
  }
  return null;
}

/** A heading: its part of the page is outlined and its first control takes the focus (else the heading itself). */
export function revealPlace(element: Element): HTMLElement | null {
  if (!/^H[1-4]$/.test(element.tagName)) return revealField(element);
  const box = (element.closest('section, [role="group"], [role="region"], .MuiPaper-root') ??
    element.parentElement ??
    element) as HTMLElement;
  element.scrollIntoView?.({ block: 'start', behavior: reducedMotion() ? 'auto' : 'smooth' });
  let focus: HTMLElement | null = null;
  for (const candidate of box.querySelectorAll(FOCUSABLE))
    if (canTakeFocus(candidate)) {
      focus = candidate;
      break;
    }
  if (!focus) {
    focus = element as HTMLElement;
    if (!focus.hasAttribute('tabindex')) focus.setAttribute('tabindex', '-1');
  }
  focus.focus({ preventScroll: true });
  highlight(box);
  return focus;
}

interface JumpOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  root?: () => ParentNode;
}

/** Polls for `find` (the section's code and the project may still be loading), then reveals what it found. */
function waitAndReveal(
  find: (root: ParentNode) => Element | null,
  reveal: (element: Element) => unknown,
  { signal, timeoutMs = 8000, root }: JumpOptions,
): Promise<boolean> {
  const scope = root ?? (() => document.querySelector('main') ?? document);
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve) => {
    const attempt = () => {
      if (signal?.aborted) return resolve(false);
      // A modal (the search dialog closing, a confirmation) holds the focus: wait until it is gone.
      const element = document.querySelector('.MuiModal-root:not(.MuiModal-hidden)') ? null : find(scope());
      if (element) {
        reveal(element);
        return resolve(true);
      }
      if (Date.now() > deadline) return resolve(false);
      window.setTimeout(attempt, 50);
    };
    attempt();
  });
}

/**
 * Waits for the field to appear (the section's code and the project may still be loading), then reveals it.
 * Resolves true once revealed, false after `timeoutMs` or when aborted.
 */
export function jumpToField(field: ProjectField, options: JumpOptions = {}): Promise<boolean> {
  return waitAndReveal((root) => findFieldElement(field, root), revealField, options);
}

/** The same for a heading or labelled control found by its text. */
export function jumpToPlace(text: string, options: JumpOptions = {}): Promise<boolean> {
  return waitAndReveal((root) => findPlaceElement(text, root), revealPlace, options);
}
