import { Suspense } from 'react';
import { Box, LinearProgress } from '@mui/material';
import { Navigate, useParams } from 'react-router';
import { SECTION_COMPONENTS, isSectionId } from './sections';
import { SectionBoundary } from './SectionBoundary';

export function SectionRoute() {
  const { section } = useParams();
  if (!isSectionId(section)) return <Navigate to="../general" replace />;
  const Section = SECTION_COMPONENTS[section];
  return (
    <SectionBoundary key={section}>
      <Suspense fallback={<SectionLoading />}>
        <Section />
      </Suspense>
    </SectionBoundary>
  );
}

function SectionLoading() {
  return (
    <Box sx={{ py: 2 }}>
      <LinearProgress aria-label="Loading section" />
    </Box>
  );
}
