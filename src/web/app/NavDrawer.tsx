import { useEffect } from 'react';
import { Box, Drawer, IconButton, Typography, useMediaQuery } from '@mui/material';
import type { Theme } from '@mui/material/styles';
import { CloseIcon } from './icons';
import { SectionLinks, type NavItem } from './SectionLinks';

/** The section list as a drawer (narrow screens); it closes on a choice, on Escape, and when the screen widens. */
export default function NavDrawer({
  id,
  open,
  onClose,
  items,
}: {
  id: string;
  open: boolean;
  onClose(): void;
  items: NavItem[];
}) {
  const wide = useMediaQuery((theme: Theme) => theme.breakpoints.up('md'));
  useEffect(() => {
    if (wide && open) onClose();
  }, [wide, open, onClose]);
  return (
    <Drawer
      open={open}
      onClose={onClose}
      // MUI makes the paper a modal dialog; the links inside are the same navigation landmark as the page's
      // (which is aria-hidden while the drawer is open).
      slotProps={{ paper: { id, 'aria-label': 'Section menu', sx: { width: 280, maxWidth: '85vw' } } }}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', pl: 2, pr: 1, py: 1, borderBottom: 1, borderColor: 'divider' }}>
        <Typography variant="h6" component="h2" sx={{ flexGrow: 1 }}>
          Sections
        </Typography>
        <IconButton aria-label="Close menu" onClick={onClose}>
          <CloseIcon />
        </IconButton>
      </Box>
      <nav aria-label="Project sections">
        <SectionLinks items={items} onNavigate={onClose} />
      </nav>
    </Drawer>
  );
}
