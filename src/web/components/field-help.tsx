import { Box } from '@mui/material';
import type { ReactNode } from 'react';

/**
 * The helper line under a field, by priority: the error (blocks saving), the note about an odd stored
 * value (a warning that does not block), the hint. The warning is worded, not only coloured.
 */
export function fieldHelp({ error, note, hint }: { error?: string; note?: string; hint?: ReactNode }): ReactNode {
  if (error) return error;
  if (note) {
    return (
      <Box component="span" sx={{ color: 'warning.dark' }}>
        Warning: {note}
      </Box>
    );
  }
  return hint;
}
