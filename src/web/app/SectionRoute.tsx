import { Suspense } from 'react';
import { Box, Button, LinearProgress } from '@mui/material';
import { Link, Navigate, useParams } from 'react-router';
import { SECTION_COMPONENTS, isSectionId } from './sections';
import { SectionBoundary } from './SectionBoundary';

export function SectionRoute() {
  const { section } = useParams();
  if (!isSectionId(section)) return <Navigate to="../general" replace />;
  const Section = SECTION_COMPONENTS[section];
  return (
    <>
      <SectionBoundary key={section}>
        <Suspense fallback={<SectionLoading />}>
          <Section />
        </Suspense>
      </SectionBoundary>
      {/* Bulk changes start from any section: its settings, applied to other projects (decision 33). */}
      <Box sx={{ mt: 3 }}>
        <Button component={Link} to={`../bulk?section=${section}`} relative="path" variant="text" size="small">
          Apply to other projects…
        </Button>
      </Box>
    </>
  );
}

function SectionLoading() {
  return (
    <Box sx={{ py: 2 }}>
      <LinearProgress aria-label="Loading section" />
    </Box>
  );
}
