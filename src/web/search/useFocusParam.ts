import { useEffect, useLayoutEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { isProjectField, jumpToField } from './focus-field';

export const FOCUS_PARAM = 'focus';

/** `/projects/:id/<section>?focus=<field>`: reveals the field once its section has rendered, then drops the parameter. */
export function useFocusParam(): void {
  const [params, setParams] = useSearchParams();
  const field = params.get(FOCUS_PARAM);
  // The setter changes with the location; the jump must not restart (and abort) because of that.
  const setParamsRef = useRef(setParams);
  useLayoutEffect(() => {
    setParamsRef.current = setParams;
  }, [setParams]);
  useEffect(() => {
    if (!isProjectField(field)) return;
    const controller = new AbortController();
    void jumpToField(field, { signal: controller.signal }).then(() => {
      if (controller.signal.aborted) return;
      // A reload or Back does not jump again, and picking the same setting again does.
      setParamsRef.current(
        (current) => {
          const next = new URLSearchParams(current);
          next.delete(FOCUS_PARAM);
          return next;
        },
        { replace: true, preventScrollReset: true },
      );
    });
    return () => controller.abort();
  }, [field]);
}
