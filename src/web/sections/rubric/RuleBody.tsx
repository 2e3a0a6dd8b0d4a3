import type { ReactNode } from 'react';
import { Box, Stack, Typography } from '@mui/material';
import type { RuleIssue } from '../../../shared/rubric/check';
import { buildRule, ruleForMetric, type EditableCondition } from '../../../shared/rubric/convert';
import { familyOf, parseRule } from '../../../shared/rubric/rule';
import type { MetricCatalog } from '../../api/metrics';
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
 * The editable part of a rule: metric, operator, value. Rules the builder does not edit (several
 * conditions, an unreadable shape, a metric type it does not know) are shown in words, kept verbatim.
 */
export function RuleBody({ rule, catalog, catalogLoading, issues, autoFocus, onChange }: Props) {
  const parsed = parseRule(rule);
  const pick = (metric: Parameters<typeof ruleForMetric>[0]) => onChange(ruleForMetric(metric));
  const metrics = catalog?.metrics ?? [];
  if (parsed.kind === 'pending') {
    return (
      <Row>
        <MetricPicker
          metrics={metrics}
          value={null}
          loading={catalogLoading}
          autoFocus={autoFocus}
          error
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
  if (parsed.kind === 'multi') {
    return (
      <>
        <Typography variant="body2" sx={{ mb: 1 }}>
          This rule has {parsed.conditions.length} conditions. The builder edits rules with one condition, as
          Cekura&apos;s documentation asks; this one is kept exactly as stored. Delete it, or change it in the JSON
          view.
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
