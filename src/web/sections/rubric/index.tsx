import { memo, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Paper, Stack, Tab, Tabs, Typography } from '@mui/material';
import { useFormContext } from 'react-hook-form';
import type { ProjectFormValues } from '../../../shared/form';
import { rulesOf } from '../../../shared/schemas/rubric';
import { useProjectContext } from '../../settings/project-context';
import { useFieldErrorAndSubmits } from '../../settings/form-values';
import { useMetricCatalog } from '../../api/metrics';
import { BuilderToolbar } from './BuilderToolbar';
import { EmptyRubric } from './EmptyRubric';
import { ImpactPanel, useImpactCalls } from './ImpactPanel';
import { TryCallPanel } from './TryCallPanel';
import { RuleViewControls } from './RuleViewControls';
import { figuresText, noFailWarnings, useRuleFigures } from './useRuleFigures';
import { isStoredView, STORED_VIEW, viewOrder, type RuleView } from './view-order';
import { ruleMetricId } from '../../../shared/rubric/rule';
import { metricLabel } from '../../../shared/rubric/describe';
import type { CallLog } from '../../../shared/schemas/call-log';
import { RubricJsonView } from './RubricJsonView';
import { RubricSummary } from './RubricSummary';
import { RuleList } from './RuleList';
import { rubricFormMessages } from './form-messages';
import { useRubricField } from './useRubricField';
import { useUndoableEdits } from './useUndoableEdits';
import { checkRubric } from '../../../shared/rubric/check';
import { FIELD } from './validator';
import { visibleCheck } from './visible-check';
import { requestErrorText } from '../../api/error-wording';

type View = 'builder' | 'json';

/** Rubric builder: pass/fail rules built visually, checked in words, previewed on real calls before saving. */
export default function RubricSection() {
  const { projectId, project } = useProjectContext();
  const field = useUndoableEdits(useRubricField());
  // A keystroke in a rule paints first: while rules are only edited in place (same rows), everything but the
  // rows (checks, figures, summary, preview, order) follows in a deferred render. When rules are added, removed
  // or replaced, everything follows at once: row positions must agree with the value the handlers edit.
  const deferredField = useDeferredValue(field);
  const shown = deferredField.keys === field.keys ? deferredField : field;
  const catalogQuery = useMetricCatalog(projectId);
  const catalog = catalogQuery.data;
  const impactCalls = useImpactCalls(projectId);
  // Deferred too: when the calls arrive, the preview's own figures paint first, the per-rule counts right after.
  const deferredCalls = useDeferredValue(impactCalls.calls.data?.calls);
  // The figures over up to 1,000 calls stay deferred even when rules are added or removed.
  const deferredRules = useDeferredValue(shown.rules);
  const deferredTexts = useDeferredValue(shown.texts);
  const figureSet = useRuleFigures(deferredCalls, project.rubric_config, deferredRules, deferredTexts);
  const fullCheck = useMemo(() => checkRubric(shown.config, catalog?.byId ?? null), [shown.config, catalog]);
  const noFails = useMemo(
    () =>
      figureSet && figureSet.draft.length === fullCheck.byRule.length
        ? noFailWarnings(figureSet, fullCheck.byRule)
        : undefined,
    [figureSet, fullCheck],
  );
  const check = useMemo(
    () => visibleCheck(fullCheck, shown.keys, shown.fresh, noFails),
    [fullCheck, shown.keys, shown.fresh, noFails],
  );
  const figures = useMemo(
    () =>
      figureSet && figureSet.draft.length === shown.rules.length
        ? shown.rules.map((_, index) => figuresText(figureSet, index))
        : null,
    [figureSet, shown.rules],
  );
  const [ruleView, setRuleView] = useState<RuleView>(STORED_VIEW);
  const stored = isStoredView(ruleView);
  const ruleCount = shown.rules.length;
  // The stored order changes only with the number of rules: the list's row keys and the virtualizer's
  // measurements stay as they are while rules are edited.
  const storedOrder = useMemo(() => Array.from({ length: ruleCount }, (_, index) => index), [ruleCount]);
  const viewedOrder = useMemo(() => {
    if (stored) return null;
    const metricNames = shown.rules.map((rule) => {
      const id = ruleMetricId(rule);
      return id === null ? '' : metricLabel(id, catalog?.byId ?? null);
    });
    return viewOrder(shown.rules.length, ruleView, {
      figures: figureSet && figureSet.draft.length === shown.rules.length ? figureSet.draft : null,
      issues: check.byRule,
      metricNames,
    });
  }, [stored, ruleView, shown.rules, figureSet, check.byRule, catalog]);
  const order = viewedOrder ?? storedOrder;
  const [tryCallId, setTryCallId] = useState<number | null>(null);
  const tryRef = useRef<HTMLElement>(null);
  const tryCall = useCallback((call: CallLog) => {
    setTryCallId(call.id);
    tryRef.current?.scrollIntoView({ block: 'start' });
    tryRef.current?.focus({ preventScroll: true });
  }, []);
  const { error: fieldError, submitCount } = useFieldErrorAndSubmits<ProjectFormValues>(FIELD);
  // A save attempt shows every rule's problems, new rules' too.
  const { touchAll } = field;
  useEffect(() => {
    if (submitCount > 0) touchAll();
  }, [submitCount, touchAll]);
  const builderErrors = fullCheck.errorCount > 0;
  const messages = useMemo(
    () => rubricFormMessages(fieldError, check, builderErrors),
    [fieldError, check, builderErrors],
  );
  const [view, setView] = useState<View>('builder');
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const { addRule: addFieldRule } = field;
  // A new rule must be seen: the list goes back to the rubric's order, unfiltered.
  const addRule = useCallback(() => {
    setRuleView(STORED_VIEW);
    setFocusKey(addFieldRule());
  }, [addFieldRule]);
  useRevalidateWhenMetricsLoad(catalog);

  const hasRubric = rulesOf(shown.config).length > 0 || Object.keys((shown.config ?? {}) as object).length > 0;
  const general = [...check.general.map((issue) => issue.message), ...messages.general];

  return (
    <Stack spacing={3}>
      {INTRO}
      {catalogQuery.error && (
        <Alert
          severity="warning"
          action={
            <Button color="inherit" onClick={() => void catalogQuery.refetch()}>
              Retry
            </Button>
          }
        >
          The project&apos;s metrics could not be loaded. {requestErrorText(catalogQuery.error)} Rules are shown as
          stored; unknown metrics are not flagged until the metrics load.
        </Alert>
      )}
      {general.map((message) => (
        <Alert key={message} severity="error">
          {message}
        </Alert>
      ))}
      <RubricSummary config={shown.config} metrics={catalog?.byId ?? null} check={check} />
      <Paper
        variant="outlined"
        component="section"
        aria-labelledby="rubric-rules"
        data-field="rubric_config"
        sx={PANEL_SX}
      >
        {RULES_HEADING}
        <ViewTabs view={view} onChange={setView} />
        <div role="tabpanel" id={`rubric-panel-${view}`} aria-labelledby={`rubric-tab-${view}`}>
          {view === 'builder' ? (
            <Stack spacing={2}>
              {field.rules.length === 0 ? (
                <EmptyRubric />
              ) : (
                <RuleViewControls
                  view={ruleView}
                  hasFigures={figures !== null}
                  shown={order.length}
                  total={field.rules.length}
                  onChange={setRuleView}
                />
              )}
              {field.rules.length > 0 && (
                <RuleList
                  order={order}
                  figures={figures}
                  field={field}
                  catalog={catalog}
                  catalogLoading={catalogQuery.isLoading}
                  issues={check.byRule}
                  serverMessages={messages.byRule}
                  focusKey={focusKey}
                />
              )}
              <BuilderToolbar canClear={hasRubric} onAdd={addRule} onClear={field.clear} />
            </Stack>
          ) : (
            <RubricJsonView config={field.config} onApply={field.replaceAll} />
          )}
        </div>
      </Paper>
      <ImpactPanel draft={shown.config} catalog={catalog} source={impactCalls} onTry={tryCall} />
      <TryCallPanel
        ref={tryRef}
        source={impactCalls}
        saved={project.rubric_config}
        draft={shown.config}
        catalog={catalog}
        callId={tryCallId}
        onPick={setTryCallId}
        timeZone={typeof project.timezone === 'string' ? project.timezone : undefined}
      />
    </Stack>
  );
}

// The same elements on every render: React skips them when the section renders again (every keystroke).
const INTRO = (
  <>
    <Typography variant="h5" component="h1">
      Rubric builder
    </Typography>
    <Typography color="text.secondary">
      The rules that decide whether a production call passes. Every rule must hold; saving sends the whole rubric.
    </Typography>
  </>
);
const RULES_HEADING = (
  <Typography id="rubric-rules" variant="h6" component="h2">
    Rules
  </Typography>
);
const PANEL_SX = { p: 3 };

// Memoised: MUI's Tabs measures itself (a forced layout) after every render, and the section re-renders on
// every keystroke in a rule.
const ViewTabs = memo(function ViewTabs({ view, onChange }: { view: View; onChange(view: View): void }) {
  return (
    <Tabs value={view} onChange={(_, next: View) => onChange(next)} aria-label="Rubric view" sx={{ mb: 2 }}>
      <Tab value="builder" label="Builder" id="rubric-tab-builder" aria-controls="rubric-panel-builder" />
      <Tab value="json" label="JSON" id="rubric-tab-json" aria-controls="rubric-panel-json" />
    </Tabs>
  );
});

/**
 * Unknown metrics can only be flagged once the catalogue is known: re-run the rubric's validation then (it
 * finds nothing on an unedited rubric: only edited fields can block a save).
 */
function useRevalidateWhenMetricsLoad(catalog: unknown) {
  const { trigger } = useFormContext<ProjectFormValues>();
  useEffect(() => {
    if (catalog) void trigger(FIELD);
  }, [catalog, trigger]);
}
