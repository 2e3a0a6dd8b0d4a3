import { createContext, lazy, Suspense, useCallback, useContext, useRef, useState, type ReactNode } from 'react';

// The snackbar (MUI's Snackbar with its transition and click-away listener) loads with the first offer.
const UndoSnackbar = lazy(() => import('./UndoSnackbar'));

// Undo instead of "Are you sure?": Discard, Clear rubric and deleting a rule act at once and offer Undo here
// for UNDO_MS (longer while the pointer or the focus is on it: MUI pauses the timer then).

export const UNDO_MS = 15_000;

export interface UndoOffer {
  /** What just happened ("Discarded 3 changes."). */
  message: string;
  /** Puts the previous draft back exactly. */
  undo(): void;
}

type Offer = (offer: UndoOffer) => void;

const UndoContext = createContext<Offer>(() => undefined);

/** Offers Undo for an action that has just taken effect. */
export const useOfferUndo = () => useContext(UndoContext);

/** The offer on screen (one at a time: a new action replaces the previous offer). */
export function useUndoState() {
  const [current, setCurrent] = useState<(UndoOffer & { id: number }) | null>(null);
  const nextId = useRef(1);
  const offer = useCallback<Offer>((next) => setCurrent({ ...next, id: nextId.current++ }), []);
  const done = useCallback(() => setCurrent(null), []);
  return { current, offer, done };
}

export function UndoProvider({ state, children }: { state: ReturnType<typeof useUndoState>; children: ReactNode }) {
  return (
    <UndoContext.Provider value={state.offer}>
      {children}
      {state.current && (
        <Suspense fallback={null}>
          <UndoSnackbar key={state.current.id} offer={state.current} onDone={state.done} duration={UNDO_MS} />
        </Suspense>
      )}
    </UndoContext.Provider>
  );
}
