import { Component, lazy, Suspense, type ReactNode } from 'react';
import { Alert, Button } from '@mui/material';
import type { Choice } from '../../shared/merge/merge';
import type { SaveDialog } from './save-machine';

// The review and conflict dialogs (and the diff and merge code behind them) load on first use, so they
// cost nothing on the first page load.
const ReviewDialog = lazy(() => import('../review/ReviewDialog'));
const ConflictDialog = lazy(() => import('../review/ConflictDialog'));

/**
 * Fetches the dialogs and the merge code ahead of need (after the page has loaded), so that saving still
 * works when the connection to the console drops before the first save.
 */
export function preloadSaveDialogs(): void {
  for (const load of [
    () => import('../review/ReviewDialog'),
    () => import('../review/ConflictDialog'),
    () => import('../../shared/merge/merge'),
  ]) {
    load().catch(() => undefined); // a failure shows when the dialog is actually needed
  }
}

export interface SaveDialogsProps {
  projectId: number;
  dialog: SaveDialog | null;
  onConfirm(): void;
  onBack(): void;
  onResolve(choices: Record<string, Choice>): void;
  onDiscardMine(): void;
}

export function SaveDialogs({ projectId, dialog, onConfirm, onBack, onResolve, onDiscardMine }: SaveDialogsProps) {
  if (!dialog) return null;
  return (
    <DialogBoundary onClose={onBack}>
      <Suspense fallback={null}>
        {dialog.kind === 'review' ? (
          <ReviewDialog
            projectId={projectId}
            base={dialog.base}
            values={dialog.values}
            note={dialog.note}
            onConfirm={onConfirm}
            onBack={onBack}
          />
        ) : (
          <ConflictDialog
            projectId={projectId}
            conflicts={dialog.pending.conflicts}
            takenFromServer={dialog.pending.takenFromServer}
            theirs={dialog.pending.theirs.project}
            next={dialog.pending.after === 'review' ? 'review' : 'edit'}
            onResolve={onResolve}
            onDiscardMine={onDiscardMine}
            onBack={dialog.pending.after === 'review' ? onBack : undefined}
          />
        )}
      </Suspense>
    </DialogBoundary>
  );
}

/** A dialog chunk that failed to download (a new deployment, a dropped connection) must not blank the page. */
class DialogBoundary extends Component<{ children: ReactNode; onClose(): void }, { error: Error | null }> {
  state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  render() {
    if (!this.state.error) return this.props.children;
    const close = () => {
      this.setState({ error: null });
      this.props.onClose();
    };
    return (
      <Alert
        severity="error"
        sx={{ position: 'fixed', top: 16, left: 16, right: 16, zIndex: 1400 }}
        action={
          <Button color="inherit" size="small" onClick={close}>
            Close
          </Button>
        }
      >
        The review could not be opened ({this.state.error.message}). Nothing was sent. Reload the page to try again:
        your unsaved edits are kept for this tab.
      </Alert>
    );
  }
}
