import { memo, useState } from 'react';
import { Button, Stack } from '@mui/material';
import { ConfirmDialog } from '../../components/ConfirmDialog';

/** Add rule, and Clear rubric (after confirmation: the rubric becomes `{}` once saved). Memoised: typing in a rule leaves it alone. */
export const BuilderToolbar = memo(function BuilderToolbar({
  ruleCount,
  canClear,
  onAdd,
  onClear,
}: {
  ruleCount: number;
  canClear: boolean;
  onAdd(): void;
  onClear(): void;
}) {
  const [confirming, setConfirming] = useState(false);
  return (
    <Stack direction="row" sx={{ gap: 1, flexWrap: 'wrap' }}>
      <Button variant="contained" onClick={onAdd}>
        Add rule
      </Button>
      {canClear && (
        <Button color="error" onClick={() => setConfirming(true)}>
          Clear rubric
        </Button>
      )}
      <ConfirmDialog
        open={confirming}
        title="Clear the rubric?"
        confirmLabel="Clear rubric"
        danger
        onConfirm={() => {
          setConfirming(false);
          onClear();
        }}
        onCancel={() => setConfirming(false)}
      >
        {ruleCount === 1 ? 'The rule is' : `All ${ruleCount} rules are`} removed from the draft, and once you save, the
        project has no rubric (every call passes). Until you save, Discard brings them back.
      </ConfirmDialog>
    </Stack>
  );
});
