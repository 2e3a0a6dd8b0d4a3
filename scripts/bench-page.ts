// Code that runs inside the benchmarked page (Playwright serialises these functions: each one must be
// self-contained). A mark is the time (performance.now(), from the navigation start) of the first paint
// after its condition holds in the DOM; conditions are checked on every DOM mutation and every frame.

export type Mark = 'nameReady' | 'rulesShown' | 'pickersFilled' | 'clicked';

type BenchState = {
  marks: Partial<Record<Mark, number>>;
  /** Re-arms the watcher for these marks; `afterClick` also marks the next click (in-app navigation). */
  watch(names: Mark[], afterClick?: boolean): void;
  keystrokes: number[];
  /** Per keystroke: from the keydown to the end of the JavaScript it set off (see keystrokeProbe). */
  handling: number[];
  impact: { afterData: number; requests: number } | null;
  watchImpact(): void;
  /** "Try on a call": from the click that picks the call to the first paint with its result. */
  tryShown: number | null;
};

declare global {
  interface Window {
    __bench: BenchState;
  }
}

/** Init script: defines window.__bench and starts watching `initial` marks from the very first byte. */
export function installWatcher(initial: Mark[]): void {
  const afterPaint = (done: (time: number) => void) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => done(performance.now());
      channel.port2.postMessage(null);
    });
  const ruleGroup = (n: number) =>
    [...document.querySelectorAll('h3')].find((h) => h.textContent === `Rule ${n}`)?.closest('[role="group"]');
  const checks: Record<Exclude<Mark, 'clicked'>, () => boolean> = {
    nameReady: () => {
      const label = [...document.querySelectorAll('label')].find((l) => /^Name\b/.test(l.textContent?.trim() ?? ''));
      const input = label?.htmlFor ? (document.getElementById(label.htmlFor) as HTMLInputElement | null) : null;
      return !!input && !input.disabled && !input.readOnly && input.value !== '';
    },
    rulesShown: () => !!ruleGroup(1),
    pickersFilled: () => {
      const input = ruleGroup(1)?.querySelector<HTMLInputElement>('input[role="combobox"]');
      return !!input && input.value !== '';
    },
  };
  let pending = new Set<Exclude<Mark, 'clicked'>>();
  const check = () => {
    for (const name of pending) {
      if (!checks[name]()) continue;
      pending.delete(name);
      afterPaint((time) => (state.marks[name] = time));
    }
  };
  const loop = () => {
    check();
    if (pending.size) requestAnimationFrame(loop);
  };
  new MutationObserver(check).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    characterData: true,
  });

  const impactWatch = () => {
    state.impact = null;
    performance.clearResourceTimings();
    let started = false;
    const observer = new MutationObserver(() => {
      const loading = !!document.querySelector('[aria-label="Loading calls"]');
      started ||= loading;
      const shown = [...document.querySelectorAll('dt')].some((dt) => dt.textContent === 'Pass rate, saved rubric');
      if (!started || loading || !shown) return;
      observer.disconnect();
      afterPaint((time) => {
        const pages = performance
          .getEntriesByType('resource')
          .filter((e) => e.name.includes('/observability/v2/call-logs/')) as PerformanceResourceTiming[];
        const arrived = Math.max(...pages.map((e) => e.responseEnd));
        state.impact = { afterData: time - arrived, requests: pages.length };
      });
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  };

  const state: BenchState = {
    marks: {},
    watch(names, afterClick = false) {
      state.marks = {};
      pending = new Set(names.filter((n): n is Exclude<Mark, 'clicked'> => n !== 'clicked'));
      if (afterClick)
        addEventListener('click', (event) => (state.marks.clicked = event.timeStamp), { capture: true, once: true });
      loop();
    },
    keystrokes: [],
    handling: [],
    impact: null,
    watchImpact: impactWatch,
    tryShown: null,
  };
  window.__bench = state;
  state.watch(initial);
}

/**
 * Keystrokes: from each keydown (its event time) to the first paint after it; and the input handling alone,
 * from the moment the keydown is dispatched to the end of a task queued after its `input` event has been
 * handled (React renders a discrete input synchronously; work the form schedules for later, such as its
 * validation's state updates, runs in tasks queued before that one), so style, layout and paint are left out
 * unless the browser puts a frame in between.
 */
export function keystrokeProbe(): void {
  window.__bench.keystrokes = [];
  window.__bench.handling = [];
  const flagged = window as unknown as { __benchKeys?: true };
  if (flagged.__benchKeys) return;
  flagged.__benchKeys = true;
  let dispatched = 0;
  addEventListener(
    'keydown',
    (event) => {
      dispatched = performance.now();
      const start = event.timeStamp;
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => window.__bench.keystrokes.push(performance.now() - start);
        channel.port2.postMessage(null);
      });
    },
    { capture: true },
  );
  addEventListener('input', () => {
    const from = dispatched;
    const channel = new MessageChannel();
    channel.port1.onmessage = () => window.__bench.handling.push(performance.now() - from);
    channel.port2.postMessage(null);
  });
}

/** Arms the "Try on a call" probe: the next click (picking call `callId`) to the paint showing its result. */
export function watchTry(callId: number): void {
  window.__bench.tryShown = null;
  let clickedAt = 0;
  addEventListener('click', (event) => (clickedAt = event.timeStamp), { capture: true, once: true });
  const observer = new MutationObserver(() => {
    if (!clickedAt || !document.querySelector(`[data-try-result="${callId}"]`)) return;
    observer.disconnect();
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => (window.__bench.tryShown = performance.now() - clickedAt);
      channel.port2.postMessage(null);
    });
  });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
}
