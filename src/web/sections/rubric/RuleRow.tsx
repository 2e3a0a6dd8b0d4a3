import { memo, useCallback, useId } from 'react';
import { Box, Button, Paper, Stack, Typography } from '@mui/material';
import type { RuleIssue } from '../../../shared/rubric/check';
import { describeRule } from '../../../shared/rubric/describe';
import { ruleNumber } from '../../../shared/rubric/rule';
import type { MetricCatalog } from '../../api/metrics';
import { RuleBody } from './RuleBody';
import { RuleMessages } from './RuleMessages';

export interface RuleRowProps {
  index: number;
  rule: unknown;
  /** The rule's JSON text (the form hands back copies: this tells an unchanged rule). */
  ruleText: string;
  catalog: MetricCatalog | undefined;
  catalogLoading: boolean;
  issues: RuleIssue[];
  serverMessages: string[];
  autoFocus: boolean;
  onSetRule(index: number, rule: unknown): void;
  onDuplicate(index: number): void;
  onRemove(index: number): void;
}

/** One rule: its number and sentence, its editor, its messages in words, and Duplicate / Delete. */
function RuleRowImpl({
  index,
  rule,
  catalog,
  catalogLoading,
  issues,
  serverMessages,
  autoFocus,
  onSetRule,
  onDuplicate,
  onRemove,
}: RuleRowProps) {
  const headingId = useId();
  const n = ruleNumber(index);
  const setRule = useCallback((next: unknown) => onSetRule(index, next), [index, onSetRule]);
  const remove = useCallback(() => onRemove(index), [index, onRemove]);
  const hasError = serverMessages.length > 0 || issues.some((issue) => issue.severity === 'error');
  return (
    <Paper
      variant="outlined"
      role="group"
      aria-labelledby={headingId}
      sx={{ p: 2, borderColor: hasError ? 'error.main' : undefined, borderLeftWidth: hasError ? 4 : 1 }}
    >
      <Stack direction="row" spacing={1} sx={{ alignItems: 'baseline', flexWrap: 'wrap', mb: 1.5 }}>
        <Typography id={headingId} variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
          Rule {n}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ flex: '1 1 200px' }}>
          {describeRule(rule, catalog?.byId ?? null)}
        </Typography>
        <Box sx={{ display: 'flex', gap: 1 }}>
          <Button size="small" onClick={() => onDuplicate(index)}>
            Duplicate
          </Button>
          <Button size="small" color="error" onClick={remove}>
            Delete
          </Button>
        </Box>
      </Stack>
      <RuleBody
        rule={rule}
        catalog={catalog}
        catalogLoading={catalogLoading}
        issues={issues}
        autoFocus={autoFocus}
        onChange={setRule}
      />
      <RuleMessages issues={issues} serverMessages={serverMessages} onRemove={remove} />
    </Paper>
  );
}

const sameIssues = (a: RuleIssue[], b: RuleIssue[]) =>
  a.length === b.length && a.every((issue, i) => issue.message === b[i].message && issue.severity === b[i].severity);

export const RuleRow = memo(
  RuleRowImpl,
  (a, b) =>
    a.index === b.index &&
    a.ruleText === b.ruleText &&
    a.catalog === b.catalog &&
    a.catalogLoading === b.catalogLoading &&
    a.autoFocus === b.autoFocus &&
    a.onSetRule === b.onSetRule &&
    a.onDuplicate === b.onDuplicate &&
    a.onRemove === b.onRemove &&
    sameIssues(a.issues, b.issues) &&
    a.serverMessages.join('\n') === b.serverMessages.join('\n'),
);
