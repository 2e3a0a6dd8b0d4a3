import { memo } from 'react';
import { Button, Stack } from '@mui/material';

/**
 * Add rule, and Clear rubric (at once, with Undo: the rubric becomes `{}` once saved). Memoised: typing in a
 * rule leaves it alone.
 */
export const BuilderToolbar = memo(function BuilderToolbar({
  canClear,
  onAdd,
  onClear,
}: {
  canClear: boolean;
  onAdd(): void;
  onClear(): void;
}) {
  return (
    <Stack direction="row" sx={{ gap: 1, flexWrap: 'wrap' }}>
      <Button variant="contained" onClick={onAdd}>
        Add rule
      </Button>
      {canClear && (
        <Button color="error" onClick={onClear}>
          Clear rubric
        </Button>
      )}
    </Stack>
  );
});
