import { lazy, Suspense, useState } from 'react';

// MUI's Snackbar, its transition and click-away listener load with the first notice, not with the page.
const SavedSnackbar = lazy(() => import('./SavedSnackbar'));

export function SavedNotice({ message, onClose }: { message: string | null; onClose(): void }) {
  // Once shown it stays mounted, so that later notices close with the snackbar's own transition.
  const [shown, setShown] = useState(false);
  if (message && !shown) setShown(true);
  if (!shown) return null;
  return (
    <Suspense fallback={null}>
      <SavedSnackbar message={message} onClose={onClose} />
    </Suspense>
  );
}
