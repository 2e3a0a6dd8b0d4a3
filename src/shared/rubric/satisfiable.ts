import { readBinaryRuleValue, type ConditionLike } from '../call-log';
import type { RuleFamily } from './rule';

// The values of one metric that satisfy a set of conditions, so the checks can tell when rules on the
// same metric can never pass together: intervals for scores, finite (or co-finite) sets for the others.

interface Interval {
  lo: number;
  hi: number;
  loOpen: boolean;
  hiOpen: boolean;
}

export type ValueSet =
  | { kind: 'score'; intervals: Interval[] }
  | { kind: 'binary'; values: ReadonlySet<boolean> }
  /** only = exactly these strings; !only = every string except these. */
  | { kind: 'enum'; only: boolean; values: ReadonlySet<string> };

const ALL_REALS: Interval = { lo: -Infinity, hi: Infinity, loOpen: true, hiOpen: true };

/** Every value a metric of this family can take (qualitative scores: 0-5; enum: its enum_values if known). */
export function domainOf(
  family: RuleFamily,
  options: { scale?: { min: number; max: number }; enumValues?: readonly string[] } = {},
): ValueSet {
  switch (family) {
    case 'score': {
      const scale = options.scale;
      return {
        kind: 'score',
        intervals: [scale ? { lo: scale.min, hi: scale.max, loOpen: false, hiOpen: false } : ALL_REALS],
      };
    }
    case 'binary':
      return { kind: 'binary', values: new Set([true, false]) };
    case 'enum':
      return options.enumValues?.length
        ? { kind: 'enum', only: true, values: new Set(options.enumValues) }
        : { kind: 'enum', only: false, values: new Set() };
  }
}

/** The values satisfying one condition; null when the condition cannot be reasoned about (invalid). */
export function conditionSet(family: RuleFamily, condition: ConditionLike): ValueSet | null {
  const { op, value } = condition;
  if (family === 'score') {
    if (typeof value !== 'number' || !Number.isFinite(value)) return null;
    const at = (lo: number, hi: number, loOpen: boolean, hiOpen: boolean): ValueSet => ({
      kind: 'score',
      intervals: [{ lo, hi, loOpen, hiOpen }],
    });
    switch (op) {
      case 'gt':
        return at(value, Infinity, true, true);
      case 'gte':
        return at(value, Infinity, false, true);
      case 'lt':
        return at(-Infinity, value, true, true);
      case 'lte':
        return at(-Infinity, value, true, false);
      case 'eq':
        return at(value, value, false, false);
      case 'neq':
        return {
          kind: 'score',
          intervals: [
            { ...ALL_REALS, hi: value },
            { ...ALL_REALS, lo: value },
          ],
        };
      default:
        return null;
    }
  }
  if (family === 'binary') {
    const expected = readBinaryRuleValue(value);
    if (expected === null || (op !== 'eq' && op !== 'neq')) return null;
    return { kind: 'binary', values: new Set([op === 'eq' ? expected : !expected]) };
  }
  if (op === 'in') {
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) return null;
    return { kind: 'enum', only: true, values: new Set(value as string[]) };
  }
  if (typeof value !== 'string' || (op !== 'eq' && op !== 'neq')) return null;
  return { kind: 'enum', only: op === 'eq', values: new Set([value]) };
}

export function intersect(a: ValueSet, b: ValueSet): ValueSet {
  if (a.kind === 'score' && b.kind === 'score') {
    const intervals: Interval[] = [];
    for (const x of a.intervals)
      for (const y of b.intervals) {
        const piece = intersectIntervals(x, y);
        if (piece) intervals.push(piece);
      }
    return { kind: 'score', intervals };
  }
  if (a.kind === 'binary' && b.kind === 'binary')
    return { kind: 'binary', values: new Set([...a.values].filter((v) => b.values.has(v))) };
  if (a.kind === 'enum' && b.kind === 'enum') return intersectEnum(a, b);
  throw new Error(`Cannot intersect ${a.kind} with ${b.kind}`);
}

function intersectIntervals(x: Interval, y: Interval): Interval | null {
  const lo = Math.max(x.lo, y.lo);
  const hi = Math.min(x.hi, y.hi);
  const loOpen = (x.lo === lo && x.loOpen) || (y.lo === lo && y.loOpen);
  const hiOpen = (x.hi === hi && x.hiOpen) || (y.hi === hi && y.hiOpen);
  if (lo > hi || (lo === hi && (loOpen || hiOpen))) return null;
  return { lo, hi, loOpen, hiOpen };
}

type EnumSet = Extract<ValueSet, { kind: 'enum' }>;

function intersectEnum(a: EnumSet, b: EnumSet): EnumSet {
  if (a.only && b.only)
    return { kind: 'enum', only: true, values: new Set([...a.values].filter((v) => b.values.has(v))) };
  if (a.only || b.only) {
    const [only, except] = a.only ? [a, b] : [b, a];
    return { kind: 'enum', only: true, values: new Set([...only.values].filter((v) => !except.values.has(v))) };
  }
  return { kind: 'enum', only: false, values: new Set([...a.values, ...b.values]) };
}

export function isEmpty(set: ValueSet): boolean {
  switch (set.kind) {
    case 'score':
      return set.intervals.length === 0;
    case 'binary':
      return set.values.size === 0;
    case 'enum':
      return set.only && set.values.size === 0;
  }
}

/** Whether one value lies in the set (used by tests as an independent witness check). */
export function contains(set: ValueSet, value: number | boolean | string): boolean {
  switch (set.kind) {
    case 'score':
      return (
        typeof value === 'number' &&
        set.intervals.some(
          (i) => (i.loOpen ? value > i.lo : value >= i.lo) && (i.hiOpen ? value < i.hi : value <= i.hi),
        )
      );
    case 'binary':
      return typeof value === 'boolean' && set.values.has(value);
    case 'enum':
      return typeof value === 'string' && set.values.has(value) === set.only;
  }
}
