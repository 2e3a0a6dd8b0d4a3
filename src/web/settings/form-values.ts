import { useCallback, useRef, useSyncExternalStore } from 'react';
import { get, useFormContext, type Control, type FieldPath, type FieldValues, type PathValue } from 'react-hook-form';

// Watching the form's values without react-hook-form's copies. Any "values subscriber" (useWatch(),
// useController, subscribe({ formState: { values: true } })) makes it deep-clone the whole form on every change:
// with a 300-rule rubric, per keystroke. Here every state event of the form is a hint only; the values are read
// with getValues, which hands over the form's own objects, and a field counts as changed when its value is
// another object (or primitive): the form stores a copy of each value it is given, and reset replaces them all.

/** Calls `onChange` after some field's value changed (a change, setValue, reset); not for errors or focus. */
export function subscribeToValueChanges<T extends FieldValues>(
  control: Control<T>,
  getValues: () => T,
  onChange: () => void,
): () => void {
  let last = getValues();
  const subscription = control._subjects.state.subscribe({
    next: () => {
      const next = getValues();
      if (sameValues(last, next)) return;
      last = next;
      onChange();
    },
  });
  return () => subscription.unsubscribe();
}

const sameValues = (a: FieldValues, b: FieldValues) => {
  const keys = Object.keys(b);
  return keys.length === Object.keys(a).length && keys.every((key) => Object.is(a[key], b[key]));
};

/** useSyncExternalStore's subscribe for the form's value changes. */
function useValueChanges<T extends FieldValues>(): (notify: () => void) => () => void {
  const { control, getValues } = useFormContext<T>();
  return useCallback(
    (notify: () => void) => subscribeToValueChanges(control, () => getValues(), notify),
    [control, getValues],
  );
}

/** The form's values: a new object only when some field's value changed. */
export function useFormValues<T extends FieldValues>(): T {
  const { getValues } = useFormContext<T>();
  const snapshot = useRef<T | null>(null);
  const subscribe = useValueChanges<T>();
  const read = useCallback(() => {
    const next = getValues();
    if (!snapshot.current || !sameValues(snapshot.current, next)) snapshot.current = next;
    return snapshot.current;
  }, [getValues]);
  return useSyncExternalStore(subscribe, read);
}

/** One field's value, the form's own object (not a copy: never mutate it). */
export function useFormValue<T extends FieldValues, N extends FieldPath<T>>(name: N): PathValue<T, N> {
  const { getValues } = useFormContext<T>();
  return useSyncExternalStore(useValueChanges<T>(), () => getValues(name));
}

/**
 * One field's error and the form's submit count: a new render only when either changes. useFormState renders
 * again on every validation (twice: validating, then done), and the rubric's runs after every burst of keystrokes.
 */
export function useFieldErrorAndSubmits<T extends FieldValues>(
  name: FieldPath<T>,
): { error: unknown; submitCount: number } {
  const { control } = useFormContext<T>();
  const subscribe = useCallback(
    (notify: () => void) => {
      const subscription = control._subjects.state.subscribe({ next: notify });
      return () => subscription.unsubscribe();
    },
    [control],
  );
  const error = useSyncExternalStore(subscribe, () => get(control._formState.errors, name));
  const submitCount = useSyncExternalStore(subscribe, () => control._formState.submitCount);
  return { error, submitCount };
}

/**
 * setValue for a top-level field no input is registered for, without react-hook-form's deep copy of the value:
 * the form keeps this very object (so never change it in place), and its subscribers hear of the change as they
 * do from setValue. No dirty, touched or validation flags.
 */
export function setValueUncopied<T extends FieldValues, N extends FieldPath<T>>(
  control: Control<T>,
  name: N,
  value: PathValue<T, N>,
): void {
  const values = control._formValues as Record<string, unknown>;
  if (Object.is(values[name], value)) return;
  values[name] = value;
  // As setValue emits it: with a `values` key (undefined: no copies are handed out), so that the form's host
  // (useForm) does not take it for a form-state change and render the whole page again.
  control._subjects.state.next({ name, values: undefined });
}
