import { memo, useCallback, useDeferredValue, useMemo, useState } from 'react';
import { Alert, Box, Button, LinearProgress, Typography } from '@mui/material';
import { SectionCard } from '../../components/SectionCard';
import { computeImpact, type Impact } from '../../../shared/rubric/impact';
import { useProjectContext } from '../../settings/project-context';
import { MAX_PREVIEW_CALLS, previewStart, useRecentCalls } from '../../api/call-logs';
import type { CallLog } from '../../../shared/schemas/call-log';
import type { MetricCatalog } from '../../api/metrics';
import { FlipList } from './FlipList';
import { count, dateTime, percent } from './format';
import { requestErrorText } from '../../api/error-wording';

export const PREVIEW_DAYS = 7;

/** The preview's calls, shared by the panel, the rules' figures and "Try on a call". Read only on demand. */
export function useImpactCalls(projectId: number) {
  const [fromIso, setFromIso] = useState<string | null>(null);
  const calls = useRecentCalls(projectId, fromIso);
  const start = useCallback(() => setFromIso(previewStart(PREVIEW_DAYS)), []);
  const { data, isFetching, error } = calls;
  // The same object while nothing the panels show changes: they are memoised and skip a keystroke's render.
  return useMemo(
    () => ({ fromIso, calls: { data, isFetching, error }, start }),
    [fromIso, data, isFetching, error, start],
  );
}
export type ImpactCalls = ReturnType<typeof useImpactCalls>;

/** "Preview impact": the draft against the saved rubric on the last week's production calls. */
export const ImpactPanel = memo(function ImpactPanel({
  draft,
  catalog,
  source,
  onTry,
}: {
  draft: unknown;
  catalog: MetricCatalog | undefined;
  source: ImpactCalls;
  onTry(call: CallLog): void;
}) {
  const { project } = useProjectContext();
  const { fromIso, calls, start } = source;
  // Typing in a rule re-evaluates up to 1,000 calls: let the input stay responsive first.
  const deferredDraft = useDeferredValue(draft);
  const impact = useMemo(
    () => (calls.data ? computeImpact(project.rubric_config, deferredDraft, calls.data.calls) : null),
    [calls.data, project.rubric_config, deferredDraft],
  );
  return (
    <ImpactCard
      impact={impact}
      fromIso={fromIso}
      calls={calls}
      start={start}
      catalog={catalog}
      onTry={onTry}
      timeZone={typeof project.timezone === 'string' ? project.timezone : undefined}
    />
  );
});

// Memoised apart from the panel: the draft changes with every keystroke in a rule, the card only when the
// preview's figures do (never while no preview ran).
const ImpactCard = memo(function ImpactCard({
  impact,
  fromIso,
  calls,
  start,
  catalog,
  onTry,
  timeZone,
}: {
  impact: Impact<CallLog> | null;
  fromIso: string | null;
  calls: ImpactCalls['calls'];
  start(): void;
  catalog: MetricCatalog | undefined;
  onTry(call: CallLog): void;
  timeZone: string | undefined;
}) {
  return (
    <SectionCard
      title="Impact preview"
      action={
        <Button variant="outlined" onClick={start} disabled={calls.isFetching}>
          {fromIso ? 'Refresh preview' : 'Preview impact'}
        </Button>
      }
      intro={
        <>
          Evaluates the production calls of the last {PREVIEW_DAYS} days (up to {count(MAX_PREVIEW_CALLS)}) with the
          saved rubric and with this draft, before you save. It follows your edits as you make them.
        </>
      }
    >
      {calls.isFetching && <LinearProgress aria-label="Loading calls" />}
      {calls.error && <Alert severity="error">The calls could not be loaded. {requestErrorText(calls.error)}</Alert>}
      {impact && calls.data && (
        <Box>
          <Typography variant="body2" sx={{ mb: 1 }}>
            {count(calls.data.calls.length)} calls since {dateTime(calls.data.fromIso)}
            {calls.data.total > calls.data.calls.length
              ? ` (the first ${count(calls.data.calls.length)} of ${count(calls.data.total)}, in the order the API lists them)`
              : ''}
            .
          </Typography>
          <Box
            component="dl"
            sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5, m: 0 }}
          >
            <Term label="Pass rate, saved rubric" value={rateText(impact.saved)} />
            <Term label="Pass rate, draft" value={rateText(impact.draft)} />
            <Term label="Calls that change outcome" value={String(impact.flips.length)} />
            <Term
              label="Calls where the saved rubric gives Cekura's result"
              value={
                impact.agreement.rate === null
                  ? 'no call has a result'
                  : `${percent(impact.agreement.rate)} (${impact.agreement.agreed} of ${impact.agreement.compared} calls with a result)`
              }
            />
          </Box>
          <FlipList onTry={onTry} flips={impact.flips} catalog={catalog} timeZone={timeZone} />
        </Box>
      )}
    </SectionCard>
  );
});

function Term({ label, value }: { label: string; value: string }) {
  return (
    <>
      <Typography component="dt" variant="body2" sx={{ fontWeight: 600 }}>
        {label}
      </Typography>
      <Typography component="dd" variant="body2" sx={{ m: 0 }}>
        {value}
      </Typography>
    </>
  );
}

const rateText = (r: { passed: number; total: number; rate: number | null }) =>
  r.rate === null ? 'no calls' : `${percent(r.rate)} (${r.passed} of ${r.total})`;
