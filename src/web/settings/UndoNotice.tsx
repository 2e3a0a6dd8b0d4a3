import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Button, Snackbar } from '@mui/material';
import { focusMainHeading } from '../app/focus-heading';

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
      <UndoSnackbar key={state.current?.id} offer={state.current} onDone={state.done} />
    </UndoContext.Provider>
  );
}

function UndoSnackbar({ offer, onDone }: { offer: UndoOffer | null; onDone(): void }) {
  const undoRef = useRef<HTMLButtonElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  // The control that acted (Discard, Delete) is gone or disabled now: Undo is the next sensible place for focus.
  useEffect(() => {
    if (offer) undoRef.current?.focus();
  }, [offer]);
  const close = (after?: () => void) => {
    const hadFocus = rootRef.current?.contains(document.activeElement) ?? false;
    after?.();
    onDone();
    if (hadFocus) window.setTimeout(focusMainHeading, 0);
  };
  const action = useMemo(
    () => (
      <Button ref={undoRef} color="inherit" size="small" onClick={() => close(offer?.undo)}>
        Undo
      </Button>
    ),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- rebuilt per offer (the component is keyed by it)
    [offer],
  );
  return (
    <Snackbar
      ref={rootRef}
      open={offer !== null}
      autoHideDuration={UNDO_MS}
      onClose={(_event, reason) => reason !== 'clickaway' && close()}
      message={offer?.message}
      action={action}
      anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
      // Above the sticky save bar on narrow screens (it spans the width there).
      sx={{ bottom: { xs: 96, md: 24 } }}
      slotProps={{ content: { role: 'status' } }}
    />
  );
}
