import { memo, useState, type Dispatch, type SetStateAction } from 'react';
import { Button, Paper, Typography } from '@mui/material';
import { describeRubric, type MetricLookup } from '../../../shared/rubric/describe';
import type { RubricCheck } from '../../../shared/rubric/check';
import { rulesOf } from '../../../shared/schemas/rubric';

const SHORT = 8;

/** The rubric in one plain sentence, with its rule and problem counts. */
export const RubricSummary = memo(function RubricSummary({
  config,
  metrics,
  check,
}: {
  config: unknown;
  metrics: MetricLookup;
  check: RubricCheck;
}) {
  const [all, setAll] = useState(false);
  const text = describeRubric(config, metrics, { maxRules: all ? undefined : SHORT });
  return (
    <SummaryCard
      text={text}
      count={rulesOf(config).length}
      all={all}
      setAll={setAll}
      errorCount={check.errorCount}
      warningCount={check.warningCount}
    />
  );
});

// Memoised apart: a keystroke in a rule gives a new rubric, but rarely a new sentence or new counts.
const SummaryCard = memo(function SummaryCard({
  text,
  count,
  all,
  setAll,
  errorCount,
  warningCount,
}: {
  text: string;
  count: number;
  all: boolean;
  setAll: Dispatch<SetStateAction<boolean>>;
  errorCount: number;
  warningCount: number;
}) {
  const long = count > SHORT;
  return (
    <Paper variant="outlined" component="section" aria-labelledby="rubric-summary" sx={{ p: 3 }}>
      <Typography id="rubric-summary" variant="h6" component="h2" gutterBottom>
        Summary
      </Typography>
      <Typography>{text}</Typography>
      {long && (
        <Button size="small" onClick={() => setAll((v) => !v)} sx={{ mt: 1 }}>
          {all ? 'Show less' : `Show all ${count} rules`}
        </Button>
      )}
      {count > 0 && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          {count} {count === 1 ? 'rule' : 'rules'}
          {errorCount ? ` · ${errorCount} ${errorCount === 1 ? 'problem blocks' : 'problems block'} saving` : ''}
          {warningCount ? ` · ${warningCount} ${warningCount === 1 ? 'warning' : 'warnings'}` : ''}. A rule whose metric
          has no value on a call is skipped; a call whose rules are all skipped passes.
        </Typography>
      )}
    </Paper>
  );
});
