import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { Box, Button, SvgIcon, type SvgIconProps } from '@mui/material';
import { useMatch, useNavigate } from 'react-router';
import type { SettingMatch } from '../../shared/settings-search';
import { isSearchShortcut } from './shortcut';
import { FOCUS_PARAM, PLACE_PARAM, useFocusParam } from './useFocusParam';

// The top bar's "Search settings": a small button here; the dialog (and the search index) is its own chunk,
// fetched on first use or when the pointer or focus reaches the button.
const loadDialog = () => import('./SearchDialog');
const SearchDialog = lazy(loadDialog);

/** Shown on project pages only: a result jumps to `/projects/:id/<section>?focus=<field>`. */
export function SettingsSearch() {
  const match = useMatch('/projects/:projectId/*');
  const projectId = Number(match?.params.projectId);
  if (!Number.isInteger(projectId) || projectId <= 0) return null;
  return <ProjectSettingsSearch projectId={projectId} />;
}

function ProjectSettingsSearch({ projectId }: { projectId: number }) {
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  useFocusParam();

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isSearchShortcut(event)) return;
      event.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const onPick = useCallback(
    (setting: SettingMatch) => {
      setOpen(false);
      const target = setting.place
        ? `${PLACE_PARAM}=${encodeURIComponent(setting.place)}`
        : `${FOCUS_PARAM}=${encodeURIComponent(setting.field ?? '')}`;
      navigate(`/projects/${projectId}/${setting.section}?${target}`);
    },
    [navigate, projectId],
  );

  return (
    <>
      <Button
        color="inherit"
        variant="outlined"
        size="small"
        onClick={() => setOpen(true)}
        onPointerEnter={() => void loadDialog()}
        onFocus={() => void loadDialog()}
        aria-label="Search settings"
        aria-haspopup="dialog"
        aria-keyshortcuts="/ Control+K Meta+K"
        title="Search settings (/ or Ctrl+K)"
        sx={{ borderColor: 'rgba(255, 255, 255, 0.5)', minWidth: 0, px: { xs: 1, sm: 1.5 } }}
      >
        <SearchIcon fontSize="small" />
        <Box component="span" sx={{ ml: 0.75, display: { xs: 'none', sm: 'inline' } }}>
          Search
        </Box>
        <Box
          component="kbd"
          aria-hidden="true"
          sx={{
            ml: 1,
            px: 0.75,
            border: 1,
            borderRadius: 1,
            fontSize: 12,
            lineHeight: '18px',
            display: { xs: 'none', md: 'inline' },
          }}
        >
          /
        </Box>
      </Button>
      {open && (
        <Suspense fallback={null}>
          <SearchDialog onPick={onPick} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}

function SearchIcon(props: SvgIconProps) {
  return (
    <SvgIcon {...props}>
      <path d="M15.5 14h-.79l-.28-.27A6.47 6.47 0 0 0 16 9.5 6.5 6.5 0 1 0 9.5 16c1.61 0 3.09-.59 4.23-1.57l.27.28v.79l5 4.99L20.49 19zm-6 0C7.01 14 5 11.99 5 9.5S7.01 5 9.5 5 14 7.01 14 9.5 11.99 14 9.5 14" />
    </SvgIcon>
  );
}
