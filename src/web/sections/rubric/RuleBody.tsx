import { memo, useCallback, type ReactNode } from 'react';
import { Box, Button, Stack, Typography } from '@mui/material';
import type { ConditionLike } from '../../../shared/call-log';
import { checkCondition } from '../../../shared/rubric/rule-checks';
import type { RuleIssue } from '../../../shared/rubric/check';
import { buildMultiRule, buildRule, ruleForMetric, type EditableCondition } from '../../../shared/rubric/convert';
import { familyOf, parseRule, type RuleFamily } from '../../../shared/rubric/rule';
import type { CatalogMetric, MetricCatalog } from '../../api/metrics';
import { ConditionEditor } from './ConditionEditor';
import { MetricPicker } from './MetricPicker';

const VALUE_CODES = new Set(['binary-value', 'score-nan', 'score-range', 'empty-in', 'enum-value']);

interface Props {
  rule: unknown;
  catalog: MetricCatalog | undefined;
  catalogLoading: boolean;
  issues: RuleIssue[];
  autoFocus: boolean;
  onChange(rule: unknown): void;
}

/**
 * The editable part of a rule: metric, operator, value; a rule with several conditions gets one editor per
 * condition. Rules the builder does not edit (an unreadable shape, a metric type it does not know, several
 * conditions on a metric it cannot see) are shown in words and kept verbatim.
 */
// Memoised: its row renders again when the row's pointer or focus state changes, and a keystroke's deferred
// render hands it the same props.
export const RuleBody = memo(function RuleBody({ rule, catalog, catalogLoading, issues, autoFocus, onChange }: Props) {
  const parsed = parseRule(rule);
  // Stable: the metric picker (an Autocomplete, costly to render) is memoised and skips a keystroke's render.
  const pick = useCallback(
    (metric: Parameters<typeof ruleForMetric>[0]) => onChange(ruleForMetric(metric)),
    [onChange],
  );
  const metrics = catalog?.metrics ?? [];
  if (parsed.kind === 'pending') {
    return (
      <Row>
        <MetricPicker
          metrics={metrics}
          value={null}
          loading={catalogLoading}
          autoFocus={autoFocus}
          error={issues.some((issue) => issue.severity === 'error')}
          onChange={pick}
        />
        <Typography variant="body2" color="text.secondary" sx={{ alignSelf: 'center' }}>
          Choose a metric, then its condition.
        </Typography>
      </Row>
    );
  }
  if (parsed.kind === 'malformed') {
    return <Verbatim rule={rule} />;
  }
  const multiMetric = parsed.kind === 'multi' ? catalog?.byId.get(parsed.metricId) : undefined;
  if (parsed.kind === 'multi' && multiMetric && familyOf(multiMetric)) {
    return (
      <MultiConditionBody
        metricId={parsed.metricId}
        metric={multiMetric}
        metrics={metrics}
        conditions={parsed.conditions}
        catalogLoading={catalogLoading}
        onPick={pick}
        onChange={onChange}
      />
    );
  }
  if (parsed.kind === 'multi') {
    return (
      <>
        <Typography variant="body2" sx={{ mb: 1 }}>
          This rule has {parsed.conditions.length} conditions on a metric{' '}
          {catalog ? 'whose type the console does not know' : 'not loaded yet'}: it is kept exactly as stored. Delete
          it, or change it in the JSON view.
        </Typography>
        <Verbatim rule={rule} />
      </>
    );
  }
  const metric = catalog?.byId.get(parsed.metricId);
  if (!catalog) {
    return (
      <Typography variant="body2" color="text.secondary">
        {catalogLoading ? 'Loading metrics…' : 'Metrics are not available: this rule is shown as stored.'}
      </Typography>
    );
  }
  const family = familyOf(metric);
  const missing = metric ? undefined : `Metric #${parsed.metricId} (not found)`;
  return (
    <Row>
      <MetricPicker
        metrics={metrics}
        value={metric ?? null}
        missingLabel={missing}
        loading={catalogLoading}
        error={!metric}
        onChange={pick}
      />
      {metric && family && (
        <ConditionEditor
          family={family}
          metric={metric}
          condition={parsed.condition}
          invalid={issues.some((issue) => VALUE_CODES.has(issue.code))}
          onChange={(condition: EditableCondition) => onChange(buildRule(parsed.metricId, condition))}
        />
      )}
    </Row>
  );
});

/**
 * A stored rule with several conditions on one metric (valid for the API): each condition has the same editors
 * and checks as a single one, and can be removed; all must hold. New rules keep one condition each.
 */
function MultiConditionBody({
  metricId,
  metric,
  metrics,
  conditions,
  catalogLoading,
  onPick,
  onChange,
}: {
  metricId: number;
  metric: CatalogMetric;
  metrics: CatalogMetric[];
  conditions: ConditionLike[];
  catalogLoading: boolean;
  onPick(metric: CatalogMetric): void;
  onChange(rule: unknown): void;
}) {
  const family = familyOf(metric) as RuleFamily;
  const asEditable = (c: ConditionLike) => c as EditableCondition;
  const setAt = (index: number, next: EditableCondition) =>
    onChange(
      buildMultiRule(
        metricId,
        conditions.map((c, i) => (i === index ? next : asEditable(c))),
      ),
    );
  const removeAt = (index: number) => {
    const rest = conditions.filter((_, i) => i !== index).map(asEditable);
    onChange(rest.length === 1 ? buildRule(metricId, rest[0]) : buildMultiRule(metricId, rest));
  };
  return (
    <Stack spacing={2}>
      <Row>
        <MetricPicker metrics={metrics} value={metric} loading={catalogLoading} onChange={onPick} />
        <Typography variant="body2" color="text.secondary" sx={{ alignSelf: 'center', flex: '1 1 200px' }}>
          {conditions.length} conditions: all must hold. Choosing another metric starts the rule again with one
          condition.
        </Typography>
      </Row>
      {conditions.map((condition, index) => (
        <Box
          key={index}
          role="group"
          aria-label={`Condition ${index + 1}`}
          sx={{
            display: 'flex',
            gap: 2,
            flexWrap: 'wrap',
            alignItems: 'flex-start',
            pl: 2,
            borderLeft: 2,
            borderColor: 'divider',
          }}
        >
          <ConditionEditor
            family={family}
            metric={metric}
            condition={condition}
            invalid={checkCondition(family, metric, condition).some((issue) => VALUE_CODES.has(issue.code))}
            onChange={(next: EditableCondition) => setAt(index, next)}
          />
          <Button size="small" onClick={() => removeAt(index)} sx={{ alignSelf: 'center' }}>
            Remove condition {index + 1}
          </Button>
        </Box>
      ))}
    </Stack>
  );
}

function Row({ children }: { children: ReactNode }) {
  return (
    <Stack direction="row" sx={{ gap: 2, flexWrap: 'wrap', alignItems: 'flex-start' }}>
      {children}
    </Stack>
  );
}

function Verbatim({ rule }: { rule: unknown }) {
  return (
    <Box
      component="pre"
      sx={{ m: 0, p: 1, bgcolor: 'action.hover', borderRadius: 1, fontSize: 13, overflowX: 'auto' }}
      aria-label="Rule as stored"
    >
      {JSON.stringify(rule, null, 2)}
    </Box>
  );
}
