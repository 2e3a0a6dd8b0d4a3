import { useEffect, useMemo, useRef } from 'react';
import { Button, Snackbar } from '@mui/material';
import { focusMainHeading } from '../app/focus-heading';
import type { UndoOffer } from './UndoNotice';

/** One offer of Undo (UndoNotice.tsx), its own chunk. */
export default function UndoSnackbar({
  offer,
  onDone,
  duration,
}: {
  offer: UndoOffer | null;
  onDone(): void;
  duration: number;
}) {
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
      autoHideDuration={duration}
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
