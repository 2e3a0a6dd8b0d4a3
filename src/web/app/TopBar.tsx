import type { ReactNode } from 'react';
import { AppBar, Box, Toolbar, Typography } from '@mui/material';
import { ModeChip } from './ModeChip';

/** The bar on every page: product name, what is open, whose data it is. */
export function TopBar({ title, children }: { title?: string; children?: ReactNode }) {
  return (
    <AppBar position="sticky" color="primary" elevation={1}>
      <Toolbar sx={{ gap: 2 }}>
        <Typography component="span" variant="h6" noWrap sx={{ flexShrink: 0 }}>
          Cekura console
        </Typography>
        {title && (
          <Typography component="span" variant="subtitle1" noWrap sx={{ opacity: 0.9, minWidth: 0 }}>
            {title}
          </Typography>
        )}
        <Box sx={{ flexGrow: 1 }} />
        {children}
        <ModeChip />
      </Toolbar>
    </AppBar>
  );
}
