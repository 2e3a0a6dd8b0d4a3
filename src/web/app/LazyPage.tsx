import { Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { Box, LinearProgress } from '@mui/material';
import { SectionBoundary } from './SectionBoundary';

/**
 * A page in its own chunk (the picker, history, import & export, bulk changes), like the sections: the first
 * load of a project page carries none of their code. A failure shows the section boundary's message.
 */
export function LazyPage({
  page: Page,
  loadingLabel,
}: {
  page: LazyExoticComponent<ComponentType>;
  loadingLabel: string;
}) {
  return (
    <SectionBoundary>
      <Suspense
        fallback={
          <Box sx={{ py: 2 }}>
            <LinearProgress aria-label={loadingLabel} />
          </Box>
        }
      >
        <Page />
      </Suspense>
    </SectionBoundary>
  );
}
