import { useCallback, useLayoutEffect, useMemo, useRef } from 'react';
import { useOfferUndo } from '../../settings/UndoNotice';
import type { RubricField } from './useRubricField';

/** Delete rule and Clear rubric act at once and offer Undo, which puts back the rubric (and its rows) as it was. */
export function useUndoableEdits(field: RubricField): RubricField {
  const offerUndo = useOfferUndo();
  const latest = useRef(field);
  useLayoutEffect(() => {
    latest.current = field;
  });
  const withUndo = useCallback(
    (message: string, act: () => void) => {
      const { config, keys } = latest.current;
      act();
      offerUndo({ message, undo: () => latest.current.restore(config, keys) });
    },
    [offerUndo],
  );
  const remove = useCallback(
    (index: number) => withUndo(`Rule ${index + 1} deleted.`, () => latest.current.remove(index)),
    [withUndo],
  );
  const clear = useCallback(() => withUndo('Rubric cleared.', () => latest.current.clear()), [withUndo]);
  return useMemo(() => ({ ...field, remove, clear }), [field, remove, clear]);
}
