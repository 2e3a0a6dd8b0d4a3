import { lazy, Suspense } from 'react';
import { Box, LinearProgress } from '@mui/material';
import { SectionBoundary } from '../app/SectionBoundary';

// Its own chunk, like the sections: the first load stays small.
const BulkPage = lazy(() => import('./index'));

export function BulkRoute() {
  return (
    <SectionBoundary>
      <Suspense
        fallback={
          <Box sx={{ py: 2 }}>
            <LinearProgress aria-label="Loading bulk changes" />
          </Box>
        }
      >
        <BulkPage />
      </Suspense>
    </SectionBoundary>
  );
}
