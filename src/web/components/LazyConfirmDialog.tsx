import { lazy, Suspense } from 'react';
import type { ConfirmDialogProps } from './ConfirmDialog';

// The shell asks rarely (leaving with edits, restoring), so the dialog machinery (Modal, focus trap,
// backdrop: about 8 KB gzip) loads on first use instead of with the first page.
const ConfirmDialog = lazy(() => import('./ConfirmDialog').then((module) => ({ default: module.ConfirmDialog })));

export function LazyConfirmDialog(props: ConfirmDialogProps) {
  if (!props.open) return null;
  return (
    <Suspense fallback={null}>
      <ConfirmDialog {...props} />
    </Suspense>
  );
}
