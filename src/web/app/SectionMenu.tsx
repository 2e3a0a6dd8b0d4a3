import { lazy, Suspense, useState } from 'react';
import { Box, Button, Typography } from '@mui/material';
import { useLocation } from 'react-router';
import { MenuIcon } from './icons';
import type { NavItem } from './SectionNav';

// The drawer (and MUI's Modal under it) is downloaded when the menu is first wanted, not on first load.
const loadDrawer = () => import('./NavDrawer');
const NavDrawer = lazy(loadDrawer);
const DRAWER_ID = 'section-menu';

/** Below 900 px: "Sections" opens the section list in a drawer; beside it, where you are and what is unsaved. */
export function SectionMenu({ items }: { items: NavItem[] }) {
  const [open, setOpen] = useState(false);
  const [wanted, setWanted] = useState(false);
  const { pathname } = useLocation();
  const current = items.find((item) => item.href === pathname);
  const unsaved = items.reduce((sum, item) => sum + item.count, 0);
  const preload = () => void loadDrawer();
  return (
    <Box sx={{ display: { xs: 'flex', md: 'none' }, alignItems: 'center', gap: 1.5, px: 1, py: 0.5 }}>
      <Button
        startIcon={<MenuIcon />}
        aria-expanded={open}
        aria-controls={open ? DRAWER_ID : undefined}
        onPointerEnter={preload}
        onFocus={preload}
        onClick={() => {
          setWanted(true);
          setOpen(true);
        }}
      >
        Sections
      </Button>
      <Typography noWrap sx={{ minWidth: 0 }}>
        {current?.label}
        {unsaved > 0 && (
          <Typography component="span" color="text.secondary">
            {` · ${unsaved} unsaved ${unsaved === 1 ? 'change' : 'changes'}`}
          </Typography>
        )}
      </Typography>
      {wanted && (
        <Suspense fallback={null}>
          <NavDrawer id={DRAWER_ID} open={open} onClose={() => setOpen(false)} items={items} />
        </Suspense>
      )}
    </Box>
  );
}
