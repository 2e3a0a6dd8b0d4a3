import { useEffect, useLayoutEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { isProjectField, jumpToField, jumpToPlace } from './focus-field';

export const FOCUS_PARAM = 'focus';
/** A heading or control label to jump to (a part of a section, e.g. "Exception numbers"). */
export const PLACE_PARAM = 'at';

/**
 * `/projects/:id/<section>?focus=<field>` or `?at=<heading>`: reveals the field or place once its section has
 * rendered, then drops the parameter.
 */
export function useFocusParam(): void {
  const [params, setParams] = useSearchParams();
  const field = params.get(FOCUS_PARAM);
  const place = params.get(PLACE_PARAM);
  // The setter changes with the location; the jump must not restart (and abort) because of that.
  const setParamsRef = useRef(setParams);
  useLayoutEffect(() => {
    setParamsRef.current = setParams;
  }, [setParams]);
  useEffect(() => {
    const jump = isProjectField(field)
      ? (signal: AbortSignal) => jumpToField(field, { signal })
      : place
        ? (signal: AbortSignal) => jumpToPlace(place, { signal })
        : null;
    if (!jump) return;
    const controller = new AbortController();
    void jump(controller.signal).then(() => {
      if (controller.signal.aborted) return;
      // A reload or Back does not jump again, and picking the same setting again does.
      setParamsRef.current(
        (current) => {
          const next = new URLSearchParams(current);
          next.delete(FOCUS_PARAM);
          next.delete(PLACE_PARAM);
          return next;
        },
        { replace: true, preventScrollReset: true },
      );
    });
    return () => controller.abort();
  }, [field, place]);
}
