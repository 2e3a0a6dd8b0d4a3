import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Paper, Stack, Tab, Tabs, Typography } from '@mui/material';
import { useFormContext, useFormState } from 'react-hook-form';
import type { ProjectFormValues } from '../../../shared/form';
import { rulesOf } from '../../../shared/schemas/rubric';
import { useProjectContext } from '../../settings/project-context';
import { useMetricCatalog } from '../../api/metrics';
import { BuilderToolbar } from './BuilderToolbar';
import { EmptyRubric } from './EmptyRubric';
import { ImpactPanel } from './ImpactPanel';
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
  const { projectId } = useProjectContext();
  const field = useUndoableEdits(useRubricField());
  const catalogQuery = useMetricCatalog(projectId);
  const catalog = catalogQuery.data;
  const fullCheck = useMemo(() => checkRubric(field.config, catalog?.byId ?? null), [field.config, catalog]);
  const check = useMemo(() => visibleCheck(fullCheck, field.keys, field.fresh), [fullCheck, field.keys, field.fresh]);
  const { errors, submitCount } = useFormState<ProjectFormValues>({ name: FIELD });
  // A save attempt shows every rule's problems, new rules' too.
  const { touchAll } = field;
  useEffect(() => {
    if (submitCount > 0) touchAll();
  }, [submitCount, touchAll]);
  const messages = rubricFormMessages(errors[FIELD], check);
  const [view, setView] = useState<View>('builder');
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const { addRule: addFieldRule } = field;
  const addRule = useCallback(() => setFocusKey(addFieldRule()), [addFieldRule]);
  useRevalidateWhenMetricsLoad(catalog);

  const hasRubric = rulesOf(field.config).length > 0 || Object.keys((field.config ?? {}) as object).length > 0;
  const general = [...check.general.map((issue) => issue.message), ...messages.general];

  return (
    <Stack spacing={3}>
      <Typography variant="h5" component="h1">
        Rubric builder
      </Typography>
      <Typography color="text.secondary">
        The rules that decide whether a production call passes. Every rule must hold; saving sends the whole rubric.
      </Typography>
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
      <RubricSummary config={field.config} metrics={catalog?.byId ?? null} check={check} />
      <Paper
        variant="outlined"
        component="section"
        aria-labelledby="rubric-rules"
        data-field="rubric_config"
        sx={{ p: 3 }}
      >
        <Typography id="rubric-rules" variant="h6" component="h2">
          Rules
        </Typography>
        <ViewTabs view={view} onChange={setView} />
        <div role="tabpanel" id={`rubric-panel-${view}`} aria-labelledby={`rubric-tab-${view}`}>
          {view === 'builder' ? (
            <Stack spacing={2}>
              {field.rules.length === 0 ? (
                <EmptyRubric />
              ) : (
                <RuleList
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
      <ImpactPanel draft={field.config} catalog={catalog} />
    </Stack>
  );
}

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

/** Unknown metrics can only be flagged once the catalogue is known: re-run the rubric's validation then. */
function useRevalidateWhenMetricsLoad(catalog: unknown) {
  const { trigger, getFieldState } = useFormContext<ProjectFormValues>();
  useEffect(() => {
    if (catalog && getFieldState(FIELD).isDirty) void trigger(FIELD);
  }, [catalog, trigger, getFieldState]);
}
