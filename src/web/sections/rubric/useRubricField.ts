import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useFormContext } from 'react-hook-form';
import type { ProjectFormValues } from '../../../shared/form';
import { rulesOf } from '../../../shared/schemas/rubric';
import { duplicateRule, insertRule, removeRule, replaceRule, reuseRules } from '../../../shared/rubric/edit';
import { pendingRule } from '../../../shared/rubric/convert';
import { FIELD } from './validator';
import { setValueUncopied, useFormValue } from '../../settings/form-values';
import { freezeRules, memoByRule } from '../../../shared/rubric/frozen-rules';

// The rubric as the builder edits it: one form value (rubric_config), replaced whole on each edit with
// only the edited rule's object new. Rows get stable React keys from a parallel list kept here, so an
// edited rule keeps its row (and focus) although the form hands back fresh copies of the value (react-hook-form
// clones a value on change: the JSON text of each untouched rule is kept, not the object itself).
// Decision 35. An edit sets the form's value at once (save, review, leave guard and draft read it: none may see an older
// rubric) but without the resolver, which checks the whole form: its errors follow after the next paint, one
// validation for a burst of keystrokes. A save validates again anyway (handleSubmit), so a late error list
// never lets an invalid rubric out.

export interface RubricField {
  config: unknown;
  rules: unknown[];
  /** Each rule's JSON text: rows re-render only when theirs changes. */
  texts: string[];
  keys: string[];
  /**
   * Keys of rules added and not yet touched: their problems are not shown (nor counted) until the user
   * leaves the rule or tries to save. Saving stays blocked by them all the same (the form's validator).
   */
  fresh: ReadonlySet<string>;
  /** The user left this rule: its problems are shown from now on. */
  touch(key: string): void;
  /** A save was attempted: every rule's problems are shown. */
  touchAll(): void;
  setRule(index: number, rule: unknown): void;
  /** Adds a rule waiting for its metric; returns its row key. */
  addRule(): string;
  duplicate(index: number): void;
  remove(index: number): void;
  /** From the JSON view: unchanged rules keep their current objects. */
  replaceAll(config: unknown): void;
  clear(): void;
  /** Puts back a value and its row keys taken earlier (Undo): the same rows come back, not new ones. */
  restore(config: unknown, keys: string[]): void;
}

const textByRule = new WeakMap<object, string>();
/** A rule's JSON text, remembered by the (frozen) rule object. */
const ruleText = (rule: unknown) => memoByRule(textByRule, rule, () => JSON.stringify(rule) ?? '');

let nextKey = 1;
const newKey = () => `rule-${nextKey++}`;

export function useRubricField(): RubricField {
  const { control, getValues, trigger } = useFormContext<ProjectFormValues>();
  // Not registered as a field (useController would: react-hook-form then copies the registered value for every
  // validation and hands copies of the whole form to its watchers): the value is read as the form's own
  // object, set with setValue and validated with trigger, which need no registration.
  const value = useFormValue<ProjectFormValues, typeof FIELD>(FIELD);
  const validateSoon = useAfterPaint(useCallback(() => void trigger(FIELD), [trigger]));
  const rules = useMemo(() => {
    const list = rulesOf(value);
    freezeRules(list);
    return list;
  }, [value]);
  const texts = useMemo(() => rules.map(ruleText), [rules]);
  const [keys, setKeys] = useState<string[]>(() => rules.map(newKey));
  const [fresh, setFresh] = useState<ReadonlySet<string>>(() => new Set());
  // Discard, a save or another tab may change the number of rules: keep the keys by position, add new ones.
  if (keys.length !== rules.length) setKeys(rules.map((_, i) => keys[i] ?? newKey()));

  // Edits start from the form's own current value (not the last render's): two edits before a render both count,
  // and rows keep the same handlers across edits.
  const current = useCallback(() => getValues(FIELD), [getValues]);
  const commit = useCallback(
    (next: unknown, nextKeys: (keys: string[]) => string[]) => {
      setKeys(nextKeys);
      // Not setValue: it deep-copies the value (300 rules per keystroke) and the copies defeat the per-rule memos
      // (frozen-rules.ts). No dirty flag either: react-hook-form's own dirty tracking is unused; the console's
      // dirty state is DirtyStateProvider's.
      setValueUncopied(control, FIELD, next as ProjectFormValues[typeof FIELD]);
      validateSoon();
    },
    [control, validateSoon],
  );

  const setRule = useCallback(
    (index: number, rule: unknown) => commit(replaceRule(current(), index, rule), (k) => k),
    [commit, current],
  );
  const addRule = useCallback(() => {
    const key = newKey();
    commit(insertRule(current(), rulesOf(current()).length, pendingRule()), (k) => [...k, key]);
    setFresh((set) => new Set(set).add(key));
    return key;
  }, [commit, current]);
  const duplicate = useCallback(
    (index: number) => commit(duplicateRule(current(), index), (k) => k.toSpliced(index + 1, 0, newKey())),
    [commit, current],
  );
  const remove = useCallback(
    (index: number) => commit(removeRule(current(), index), (k) => k.toSpliced(index, 1)),
    [commit, current],
  );
  const replaceAll = useCallback(
    (config: unknown) => {
      const next = reuseRules(current(), config);
      commit(next, () => rulesOf(next).map(newKey));
    },
    [commit, current],
  );
  const clear = useCallback(() => commit({}, () => []), [commit]);
  const touch = useCallback(
    (key: string) =>
      setFresh((set) => {
        if (!set.has(key)) return set;
        const next = new Set(set);
        next.delete(key);
        return next;
      }),
    [],
  );
  const touchAll = useCallback(() => setFresh((set) => (set.size ? new Set() : set)), []);
  const restore = useCallback((config: unknown, oldKeys: string[]) => commit(config, () => oldKeys), [commit]);

  return useMemo(
    () => ({
      config: value,
      rules,
      texts,
      keys,
      fresh,
      touch,
      touchAll,
      setRule,
      addRule,
      duplicate,
      remove,
      replaceAll,
      clear,
      restore,
    }),
    [
      value,
      rules,
      texts,
      keys,
      fresh,
      touch,
      touchAll,
      setRule,
      addRule,
      duplicate,
      remove,
      replaceAll,
      clear,
      restore,
    ],
  );
}

/**
 * Runs `run` once after the next paint however often it is asked before then (rAF, then a task); a hidden
 * tab paints no frames, so a timer runs it there. Pending runs are dropped when the component goes away.
 */
function useAfterPaint(run: () => void): () => void {
  const pending = useRef<{ frame: number; timer: number } | null>(null);
  const latestRun = useRef(run);
  useLayoutEffect(() => {
    latestRun.current = run;
  });
  const cancel = useCallback(() => {
    if (!pending.current) return;
    cancelAnimationFrame(pending.current.frame);
    window.clearTimeout(pending.current.timer);
    pending.current = null;
  }, []);
  useEffect(() => cancel, [cancel]);
  return useCallback(() => {
    if (pending.current) return;
    const fire = () => {
      cancel();
      latestRun.current();
    };
    pending.current = {
      frame: requestAnimationFrame(() => {
        if (pending.current) pending.current.timer = window.setTimeout(fire, 0);
      }),
      timer: window.setTimeout(fire, 100),
    };
  }, [cancel]);
}
