import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useController, useFormContext } from 'react-hook-form';
import type { ProjectFormValues } from '../../../shared/form';
import { rulesOf } from '../../../shared/schemas/rubric';
import { duplicateRule, insertRule, removeRule, replaceRule, reuseRules } from '../../../shared/rubric/edit';
import { pendingRule } from '../../../shared/rubric/convert';
import { FIELD } from './validator';

// The rubric as the builder edits it: one form value (rubric_config), replaced whole on each edit with
// only the edited rule's object new. Rows get stable React keys from a parallel list kept here, so an
// edited rule keeps its row (and focus) although the form hands back fresh copies of the value (react-hook-form
// clones a value on change: the JSON text of each untouched rule is kept, not the object itself).

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

let nextKey = 1;
const newKey = () => `rule-${nextKey++}`;

export function useRubricField(): RubricField {
  const { control } = useFormContext<ProjectFormValues>();
  const { field } = useController({ control, name: FIELD });
  const rules = useMemo(() => rulesOf(field.value), [field.value]);
  const texts = useMemo(() => rules.map((rule) => JSON.stringify(rule) ?? ''), [rules]);
  const [keys, setKeys] = useState<string[]>(() => rules.map(newKey));
  const [fresh, setFresh] = useState<ReadonlySet<string>>(() => new Set());
  // Discard, a save or another tab may change the number of rules: keep the keys by position, add new ones.
  if (keys.length !== rules.length) setKeys(rules.map((_, i) => keys[i] ?? newKey()));

  // Callbacks read the latest value through a ref: rows keep the same handlers across edits.
  const latest = useRef(field);
  useLayoutEffect(() => {
    latest.current = field;
  });
  const commit = useCallback((next: unknown, nextKeys: (keys: string[]) => string[]) => {
    setKeys(nextKeys);
    latest.current.onChange(next);
  }, []);

  const setRule = useCallback(
    (index: number, rule: unknown) => commit(replaceRule(latest.current.value, index, rule), (k) => k),
    [commit],
  );
  const addRule = useCallback(() => {
    const key = newKey();
    commit(insertRule(latest.current.value, rulesOf(latest.current.value).length, pendingRule()), (k) => [...k, key]);
    setFresh((set) => new Set(set).add(key));
    return key;
  }, [commit]);
  const duplicate = useCallback(
    (index: number) => commit(duplicateRule(latest.current.value, index), (k) => k.toSpliced(index + 1, 0, newKey())),
    [commit],
  );
  const remove = useCallback(
    (index: number) => commit(removeRule(latest.current.value, index), (k) => k.toSpliced(index, 1)),
    [commit],
  );
  const replaceAll = useCallback(
    (config: unknown) => {
      const next = reuseRules(latest.current.value, config);
      commit(next, () => rulesOf(next).map(newKey));
    },
    [commit],
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
      config: field.value,
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
      field.value,
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
