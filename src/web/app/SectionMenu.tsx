import { lazy, memo, Suspense, useCallback, useState } from 'react';
import { Box, Button, Paper, Typography } from '@mui/material';
import { useLocation } from 'react-router';
import { MenuIcon } from './icons';
import { SectionLinks, type NavItem } from './SectionLinks';

type MenuProps = { id: string; open: boolean; onClose(): void; items: NavItem[] };

// The drawer (and MUI's Modal under it) is downloaded when the menu is first wanted, not on first load.
// Should its code fail to arrive (offline, or the app was updated since this page loaded), the menu still
// works, as a list opening in place: a failed chunk must not take the page and its unsaved edits down.
const loadDrawer = () => import('./NavDrawer');
const NavDrawer = lazy(() => loadDrawer().catch(() => ({ default: InPlaceMenu })));
const DRAWER_ID = 'section-menu';

const OUTER_SX = { display: { xs: 'block', md: 'none' } };
const BAR_SX = { display: 'flex', alignItems: 'center', gap: 1.5, px: 1, py: 0.5 };
const preloadDrawer = () => void loadDrawer().catch(() => undefined);

// Memoised: the line beside it follows the unsaved count as the user types; the button need not.
const MenuButton = memo(function MenuButton({ open, onToggle }: { open: boolean; onToggle(): void }) {
  return (
    <Button
      startIcon={<MenuIcon />}
      aria-expanded={open}
      aria-controls={open ? DRAWER_ID : undefined}
      onPointerEnter={preloadDrawer}
      onFocus={preloadDrawer}
      onClick={onToggle}
    >
      Sections
    </Button>
  );
});

/** Below 900 px: "Sections" opens the section list in a drawer; beside it, where you are and what is unsaved. */
export function SectionMenu({ items }: { items: NavItem[] }) {
  const [open, setOpen] = useState(false);
  const [wanted, setWanted] = useState(false);
  const { pathname } = useLocation();
  const current = items.find((item) => item.href === pathname);
  const unsaved = items.reduce((sum, item) => sum + item.count, 0);
  const toggle = useCallback(() => {
    setWanted(true);
    setOpen((open) => !open);
  }, []);
  return (
    <Box sx={OUTER_SX}>
      <Box sx={BAR_SX}>
        <MenuButton open={open} onToggle={toggle} />
        <Typography noWrap sx={{ minWidth: 0 }}>
          {current?.label}
          {unsaved > 0 && (
            <Typography component="span" color="text.secondary">
              {` · ${unsaved} unsaved ${unsaved === 1 ? 'change' : 'changes'}`}
            </Typography>
          )}
        </Typography>
      </Box>
      {wanted && (
        <Suspense fallback={null}>
          <NavDrawer id={DRAWER_ID} open={open} onClose={() => setOpen(false)} items={items} />
        </Suspense>
      )}
    </Box>
  );
}

function InPlaceMenu({ id, open, onClose, items }: MenuProps) {
  if (!open) return null;
  return (
    <Paper id={id} square elevation={0} sx={{ borderTop: 1, borderColor: 'divider' }}>
      <SectionLinks items={items} onNavigate={onClose} />
    </Paper>
  );
}
