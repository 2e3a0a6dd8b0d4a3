import type { ReactNode } from 'react';
import { Box, Button } from '@mui/material';
import { Link, useLocation } from 'react-router';
import { SECTION_LABELS } from '../../shared/schemas/fields';
import { isSectionId } from '../app/sections';
import { focusMainHeading } from '../app/focus-heading';
import { useDocumentTitle } from '../app/useDocumentTitle';
import { TopBar } from '../app/TopBar';
import { SectionNav } from '../app/SectionNav';
import { useKnownProjects } from '../api/projects';

/** The page around a project: top bar, section navigation, main area (and the save bar below it). */
export function ProjectFrame({
  projectId,
  title,
  children,
  footer,
}: {
  projectId: number;
  title?: string;
  children: ReactNode;
  footer?: ReactNode;
}) {
  const projects = useKnownProjects();
  useDocumentTitle(pageLabel(useLocation().pathname), title);
  // With one project the picker would send the user straight back here. Whether there is one is known only
  // if the list was loaded (the picker's redirect loads it); a project page does not fetch it for this alone.
  const showPicker = projects.data?.length !== 1;
  return (
    <Box sx={{ minHeight: '100vh', display: 'flex', flexDirection: 'column' }}>
      <SkipLink />
      <TopBar title={title}>
        {showPicker && (
          <Button color="inherit" component={Link} to="/">
            All projects
          </Button>
        )}
      </TopBar>
      <Box sx={{ display: 'flex', flexDirection: { xs: 'column', md: 'row' }, flexGrow: 1 }}>
        <Box
          component="nav"
          aria-label="Project sections"
          sx={{
            width: { md: 240 },
            flexShrink: 0,
            borderRight: { md: 1 },
            borderBottom: { xs: 1, md: 0 },
            borderColor: 'divider',
          }}
        >
          {/* Sticky beside the page (from 900 px): the sections and their change badges stay in view. */}
          <Box
            sx={{
              position: { md: 'sticky' },
              top: { md: 64 },
              maxHeight: { md: 'calc(100vh - 64px)' },
              overflowY: { md: 'auto' },
            }}
          >
            <SectionNav projectId={projectId} />
          </Box>
        </Box>
        <Box sx={{ flexGrow: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}>
          <Box component="main" id="main" sx={{ flexGrow: 1, p: { xs: 2, md: 3 }, maxWidth: 960, width: '100%' }}>
            {children}
          </Box>
          {footer}
        </Box>
      </Box>
    </Box>
  );
}

const OTHER_PAGES: Record<string, string> = {
  history: 'History',
  transfer: 'Import & export',
  bulk: 'Apply to other projects',
};

/** "Limits" for /projects/7/limits; undefined while the page is not known. */
function pageLabel(pathname: string): string | undefined {
  const page = /^\/projects\/\d+\/([a-z-]+)/.exec(pathname)?.[1] ?? 'general';
  return isSectionId(page) ? SECTION_LABELS[page] : OTHER_PAGES[page];
}

/** The first Tab stop: past the top bar and the section list, to the page's heading. Shown when focused. */
function SkipLink() {
  return (
    <Box
      component="a"
      href="#main"
      onClick={(event) => {
        event.preventDefault();
        if (!focusMainHeading()) document.getElementById('main')?.focus();
        document.getElementById('main')?.scrollIntoView();
      }}
      sx={{
        position: 'absolute',
        left: 8,
        top: -48,
        zIndex: 2000,
        px: 2,
        py: 1,
        bgcolor: 'background.paper',
        color: 'primary.main',
        borderRadius: 1,
        boxShadow: 3,
        '&:focus': { top: 8 },
      }}
    >
      Skip to content
    </Box>
  );
}
