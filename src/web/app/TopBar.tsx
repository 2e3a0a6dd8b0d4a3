import type { ReactNode } from 'react';
import { AppBar, Box, Toolbar, Typography } from '@mui/material';
import { ColorModeSwitch } from './ColorModeSwitch';
import { ModeChip } from './ModeChip';
import { SessionMenu } from './SessionMenu';
import { SettingsSearch } from '../search/SettingsSearch';

/** The bar on every page: product name, what is open, the theme switch, whose data it is. */
export function TopBar({ title, children }: { title?: string; children?: ReactNode }) {
  return (
    <AppBar position="sticky" color="primary" elevation={1}>
      {/* Buttons passed in (e.g. "All projects") keep their words on one line on narrow screens. */}
      <Toolbar sx={{ gap: { xs: 1, sm: 2 }, '& .MuiButton-root': { whiteSpace: 'nowrap', flexShrink: 0 } }}>
        {/* Below 900 px the project's name matters more than the product's: it gets the room. */}
        <Typography
          component="span"
          variant="h6"
          noWrap
          sx={{ flexShrink: 0, display: title ? { xs: 'none', md: 'block' } : undefined }}
        >
          Cekura console
        </Typography>
        {title && (
          <Typography component="span" variant="subtitle1" noWrap sx={{ opacity: 0.9, minWidth: 0 }}>
            {title}
          </Typography>
        )}
        <Box sx={{ flexGrow: 1 }} />
        <SettingsSearch />
        {children}
        <ColorModeSwitch />
        <ModeChip />
        <SessionMenu />
      </Toolbar>
    </AppBar>
  );
}
