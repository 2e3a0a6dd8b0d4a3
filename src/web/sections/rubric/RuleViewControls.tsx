import { memo } from 'react';
import { Checkbox, FormControlLabel, Stack, TextField } from '@mui/material';
import type { RuleSort, RuleView } from './view-order';

/** Sort and filter the rule list: the view only, never the rubric's stored order or what is sent. */
export const RuleViewControls = memo(function RuleViewControls({
  view,
  hasFigures,
  shown,
  total,
  onChange,
}: {
  view: RuleView;
  /** The impact preview ran: rules have fail counts to sort and filter by. */
  hasFigures: boolean;
  shown: number;
  total: number;
  onChange(view: RuleView): void;
}) {
  return (
    <Stack direction="row" sx={{ gap: 2, flexWrap: 'wrap', alignItems: 'center' }}>
      <TextField
        select
        size="small"
        label="Sort rules"
        value={view.sort}
        onChange={(event) => onChange({ ...view, sort: event.target.value as RuleSort })}
        slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
        helperText={hasFigures ? undefined : 'Fail counts come with the impact preview'}
      >
        <option value="stored">Rubric order</option>
        <option value="most-fails" disabled={!hasFigures}>
          Most failed calls first
        </option>
        <option value="fewest-fails" disabled={!hasFigures}>
          Fewest failed calls first
        </option>
      </TextField>
      <TextField
        size="small"
        label="Filter by metric"
        value={view.metric}
        onChange={(event) => onChange({ ...view, metric: event.target.value })}
        slotProps={{ inputLabel: { shrink: true } }}
        placeholder="Metric name"
      />
      <FormControlLabel
        control={
          <Checkbox
            checked={view.failing}
            disabled={!hasFigures}
            onChange={(event) => onChange({ ...view, failing: event.target.checked })}
          />
        }
        label="Only rules that fail recent calls"
      />
      <FormControlLabel
        control={
          <Checkbox
            checked={view.problems}
            onChange={(event) => onChange({ ...view, problems: event.target.checked })}
          />
        }
        label="Only rules with problems"
      />
      <span role="status" aria-live="polite" style={{ fontSize: 14 }}>
        {shown === total ? `${total} ${total === 1 ? 'rule' : 'rules'}` : `Showing ${shown} of ${total} rules`}
      </span>
    </Stack>
  );
});
