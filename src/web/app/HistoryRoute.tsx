import { lazy, Suspense } from 'react';
import { Box, LinearProgress } from '@mui/material';
import { SectionBoundary } from './SectionBoundary';

// The history page is its own chunk (like the sections): the first load stays small.
const HistoryPage = lazy(() => import('../history'));

export function HistoryRoute() {
  return (
    <SectionBoundary>
      <Suspense
        fallback={
          <Box sx={{ py: 2 }}>
            <LinearProgress aria-label="Loading history" />
          </Box>
        }
      >
        <HistoryPage />
      </Suspense>
    </SectionBoundary>
  );
}
