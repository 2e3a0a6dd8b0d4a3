// The console's form never changes a rule in place: an edit makes a new rule object and keeps the others.
// The browser freezes the rules it holds (deeply), so that a mistake throws instead of quietly corrupting a
// rule, and so that per-rule work (canonical key, JSON text, checks) can be remembered by the object itself:
// a keystroke in one rule then recomputes that rule only. Only rules frozen here are remembered; the admin
// server freezes nothing and computes as before.

const frozen = new WeakSet<object>();

function deepFreeze(value: unknown): void {
  if (!value || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}

/** Freezes every rule of a rubric (once per rule object). */
export function freezeRules(rules: readonly unknown[]): void {
  for (const rule of rules) {
    if (!rule || typeof rule !== 'object' || frozen.has(rule)) continue;
    deepFreeze(rule);
    frozen.add(rule);
  }
}

/** A per-rule memo: remembered by the object for frozen rules, computed each time for any other value. */
export function memoByRule<T>(memo: WeakMap<object, T>, rule: unknown, compute: () => T): T {
  if (!rule || typeof rule !== 'object' || !frozen.has(rule)) return compute();
  let value = memo.get(rule);
  if (value === undefined) memo.set(rule, (value = compute()));
  return value;
}
