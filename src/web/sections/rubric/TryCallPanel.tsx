import { forwardRef, memo, useMemo } from 'react';
import { Autocomplete, Box, Button, Paper, Stack, TextField, Typography, createFilterOptions } from '@mui/material';
import type { MetricOutcome } from '../../../shared/call-log';
import { describeRule, enumLabel, type MetricLookup } from '../../../shared/rubric/describe';
import { compileRubric } from '../../../shared/rubric/evaluate';
import { rubricOnCall, type RubricOnCall } from '../../../shared/rubric/try-call';
import { metricUnit, ruleMetricId, ruleNumber } from '../../../shared/rubric/rule';
import { rulesOf } from '../../../shared/schemas/rubric';
import type { CallLog } from '../../../shared/schemas/call-log';
import type { MetricCatalog } from '../../api/metrics';
import { callTime, count } from './format';
import type { ImpactCalls } from './ImpactPanel';

// "Try on a call": one recent production call, the saved rubric and the draft side by side, rule by rule, with
// the metric value each rule read. The calls are the impact preview's (the last days, read on demand).

const SHOWN = 100;
const agentOf = (call: CallLog) => call.agent_name ?? (call.agent != null ? `Agent #${call.agent}` : 'no agent');
const ownResult = (call: CallLog) =>
  call.success === true ? 'success' : call.success === false ? 'failure' : 'no result';

export function callLabel(call: CallLog, timeZone?: string): string {
  return `#${call.id} · ${agentOf(call)} · ${callTime(call.timestamp, timeZone)} · ${ownResult(call)}`;
}

interface Props {
  source: ImpactCalls;
  saved: unknown;
  draft: unknown;
  catalog: MetricCatalog | undefined;
  callId: number | null;
  onPick(callId: number | null): void;
  timeZone?: string;
}

// Memoised: the section re-renders on every keystroke in a rule; the draft it gets follows in a deferred render.
export const TryCallPanel = memo(
  forwardRef<HTMLElement, Props>(function TryCallPanel(
    { source, saved, draft, catalog, callId, onPick, timeZone },
    ref,
  ) {
    const calls = source.calls.data?.calls;
    const call = useMemo(() => calls?.find((c) => c.id === callId) ?? null, [calls, callId]);
    return (
      <Paper ref={ref} variant="outlined" component="section" aria-labelledby="rubric-try" sx={PANEL_SX} tabIndex={-1}>
        {TRY_INTRO}
        <CallPicker source={source} saved={saved} call={call} onPick={onPick} timeZone={timeZone} />
        {call && <TryResult call={call} saved={saved} draft={draft} metrics={catalog?.byId ?? null} />}
      </Paper>
    );
  }),
);

const PANEL_SX = { p: 3 };
// The same elements on every render: React skips them when the draft changes (every keystroke in a rule).
const TRY_INTRO = (
  <>
    <Typography id="rubric-try" variant="h6" component="h2" gutterBottom>
      Try on a call
    </Typography>
    <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
      Pick one of the impact preview&apos;s recent production calls (by id, agent, date or outcome, or with Try in its
      list) to see each rule&apos;s result on it, the saved rubric next to the draft.
    </Typography>
  </>
);

/** The call search (or the button that loads the calls): it does not depend on the draft. */
const CallPicker = memo(function CallPicker({
  source,
  saved,
  call,
  onPick,
  timeZone,
}: Pick<Props, 'source' | 'saved' | 'onPick' | 'timeZone'> & { call: CallLog | null }) {
  const calls = source.calls.data?.calls;
  const filter = useMemo(() => {
    // By id, agent, date or outcome: the call's own result and its result with the saved rubric. Worked out
    // on the first search, not when the calls arrive (the impact preview paints first).
    const words = new Map<number, string>();
    const evaluate = compileRubric(saved);
    const wordsOf = (c: CallLog) => {
      let text = words.get(c.id);
      if (text === undefined) {
        text = `${callLabel(c, timeZone)} ${c.call_id ?? ''} ${c.timestamp} ${evaluate(c).pass ? 'passes' : 'fails'}`;
        words.set(c.id, text);
      }
      return text;
    };
    return createFilterOptions<CallLog>({ limit: SHOWN, stringify: wordsOf });
  }, [saved, timeZone]);
  if (!calls)
    return (
      <Button variant="outlined" onClick={source.start} disabled={source.calls.isFetching}>
        Load recent calls
      </Button>
    );
  return (
    <Autocomplete
      options={calls}
      value={call}
      filterOptions={filter}
      getOptionLabel={(c) => callLabel(c, timeZone)}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      onChange={(_, next) => onPick(next?.id ?? null)}
      autoHighlight
      sx={{ maxWidth: 640 }}
      renderInput={(params) => (
        <TextField
          {...params}
          label="Call"
          placeholder="Search by id, agent, date or outcome"
          helperText={`${count(calls.length)} recent calls`}
          slotProps={{ ...params.slotProps, inputLabel: { ...params.slotProps?.inputLabel, shrink: true } }}
        />
      )}
    />
  );
});

const TryResult = memo(function TryResult({
  call,
  saved,
  draft,
  metrics,
}: {
  call: CallLog;
  saved: unknown;
  draft: unknown;
  metrics: MetricLookup;
}) {
  const savedResult = useMemo(() => rubricOnCall(saved, call), [saved, call]);
  const draftResult = useMemo(() => rubricOnCall(draft, call), [draft, call]);
  return (
    <Box data-try-result={call.id} sx={{ mt: 2 }}>
      <Typography variant="body2" sx={{ mb: 1 }}>
        Call #{call.id}: its own result is <strong>{ownResult(call)}</strong>.
      </Typography>
      <Stack direction={{ xs: 'column', lg: 'row' }} sx={{ gap: 2, alignItems: 'flex-start' }}>
        <RubricColumn title="Saved rubric" config={saved} result={savedResult} metrics={metrics} />
        <RubricColumn title="Draft" config={draft} result={draftResult} metrics={metrics} />
      </Stack>
    </Box>
  );
});

function RubricColumn({
  title,
  config,
  result,
  metrics,
}: {
  title: string;
  config: unknown;
  result: RubricOnCall;
  metrics: MetricLookup;
}) {
  const rules = rulesOf(config);
  const verdict = result.pass
    ? result.allSkipped
      ? 'Passes: no rule had a value on this call.'
      : 'Passes: every rule with a value holds.'
    : `Fails: rule ${ruleNumber(result.decidingIndex as number)} decides (${describeRule(rules[result.decidingIndex as number], metrics)}).`;
  return (
    <Box component="section" aria-label={`${title} on this call`} sx={{ flex: '1 1 0', minWidth: 0, width: '100%' }}>
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
        {title}
      </Typography>
      <Typography variant="body2" sx={{ mb: 1 }}>
        {verdict}
      </Typography>
      {rules.length === 0 ? (
        <Typography variant="body2">No rules: every call passes.</Typography>
      ) : (
        // Plain table elements: 300 rules twice must show within a frame or two of picking the call.
        <Box
          component="table"
          aria-label={`${title}: each rule on this call`}
          sx={{
            width: '100%',
            borderCollapse: 'collapse',
            fontSize: 14,
            '& th, & td': { textAlign: 'left', p: '4px 8px', borderBottom: 1, borderColor: 'divider' },
            '& tr[data-deciding="true"]': { fontWeight: 700, bgcolor: 'action.selected' },
          }}
        >
          <thead>
            <tr>
              <th>Rule</th>
              <th>Value read</th>
              <th>Result</th>
            </tr>
          </thead>
          <tbody>
            {rules.map((rule, index) => {
              const { verdict: v, outcome } = result.rules[index];
              const deciding = index === result.decidingIndex;
              const metricId = ruleMetricId(rule);
              const metric = metricId === null ? undefined : metrics?.get(metricId);
              return (
                <tr key={index} data-deciding={deciding}>
                  <td>
                    {ruleNumber(index)}. {describeRule(rule, metrics)}
                  </td>
                  <td>{outcome ? outcomeText(outcome, metric ? metricUnit(metric) : null) : 'skipped: no value'}</td>
                  <td>
                    {v === 'skip' ? 'skipped' : v === 'pass' ? 'passes' : deciding ? 'fails (deciding)' : 'fails'}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </Box>
      )}
    </Box>
  );
}

function outcomeText(outcome: MetricOutcome, unit: string | null): string {
  switch (outcome.kind) {
    case 'binary':
      return outcome.value ? 'True' : 'False';
    case 'score':
      return unit ? `${outcome.value} ${unit}` : String(outcome.value);
    case 'enum':
      return enumLabel(outcome.value);
  }
}
