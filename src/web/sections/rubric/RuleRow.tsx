import {
  createContext,
  memo,
  useCallback,
  useContext,
  useDeferredValue,
  useId,
  useState,
  type FocusEvent,
} from 'react';
import { Box, Button, Paper, Stack, Tooltip, Typography } from '@mui/material';
import type { RuleIssue } from '../../../shared/rubric/check';
import { describeRule } from '../../../shared/rubric/describe';
import { ruleMetricId, ruleNumber } from '../../../shared/rubric/rule';
import type { MetricCatalog } from '../../api/metrics';
import { RuleBody } from './RuleBody';
import { RuleMessages } from './RuleMessages';

export interface RuleRowProps {
  index: number;
  /** The row's stable key (see useRubricField). */
  ruleKey: string;
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
  /** Focus left the rule: its problems are shown from now on. */
  onTouch(key: string): void;
  /** Figures from the impact preview, when it ran (e.g. "Fails 12 of 1,000 recent calls"). */
  figures?: string;
}

/** One rule: its number and sentence, its editor, its messages in words, and Duplicate / Delete. */
function RuleRowImpl({
  index,
  ruleKey,
  figures,
  onTouch,
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
  const metricId = ruleMetricId(rule);
  const description = metricId === null ? null : catalog?.byId.get(metricId)?.description?.trim() || null;
  // The metric's description shows while the pointer is over the rule or the focus is inside it.
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const leave = (event: FocusEvent<HTMLElement>) => {
    if (event.currentTarget.contains(event.relatedTarget as Node | null)) return;
    setFocused(false);
    onTouch(ruleKey);
  };
  // The sentence follows a keystroke in a deferred render: its open tooltip re-measures its position (a forced
  // layout) whenever it renders, which must not hold back the keystroke's paint.
  const sentenceRule = useDeferredValue(rule);
  return (
    <Paper
      variant="outlined"
      role="group"
      aria-labelledby={headingId}
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
      onFocus={() => setFocused(true)}
      onBlur={leave}
      sx={{ p: 2, borderColor: hasError ? 'error.main' : undefined, borderLeftWidth: hasError ? 4 : 1 }}
    >
      <Stack direction="row" spacing={1} sx={{ alignItems: 'baseline', flexWrap: 'wrap', mb: 1.5 }}>
        <Typography id={headingId} variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
          Rule {n}
        </Typography>
        <RuleSentence rule={sentenceRule} catalog={catalog} description={description} open={hovered || focused} />
        {figures && (
          <Typography variant="body2" sx={{ fontVariantNumeric: 'tabular-nums' }}>
            {figures}
          </Typography>
        )}
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

/**
 * The rule in words; while the pointer is over the rule or the focus inside it, the metric's description above.
 * The words reach the text through a context: the tooltip (whose popper measures the page on every render of
 * its own) renders again only when it opens, closes or its description changes, not per keystroke.
 */
const RuleSentence = memo(function RuleSentence({
  rule,
  catalog,
  description,
  open,
}: {
  rule: unknown;
  catalog: MetricCatalog | undefined;
  description: string | null;
  open: boolean;
}) {
  const words = describeRule(rule, catalog?.byId ?? null);
  return (
    <SentenceWords.Provider value={words}>
      <DescribedSentence description={description} open={open} />
    </SentenceWords.Provider>
  );
});

const SentenceWords = createContext('');
const SentenceText = () => useContext(SentenceWords);

const DescribedSentence = memo(function DescribedSentence({
  description,
  open,
}: {
  description: string | null;
  open: boolean;
}) {
  const sentence = (
    <Typography variant="body2" color="text.secondary" sx={SENTENCE_SX}>
      <SentenceText />
    </Typography>
  );
  if (!description) return sentence;
  return (
    <Tooltip
      title={description}
      open={open}
      placement="top-start"
      disableInteractive
      describeChild
      disableHoverListener
      disableFocusListener
      disableTouchListener
    >
      {sentence}
    </Tooltip>
  );
});
const SENTENCE_SX = { flex: '1 1 200px' };

const sameIssues = (a: RuleIssue[], b: RuleIssue[]) =>
  a.length === b.length && a.every((issue, i) => issue.message === b[i].message && issue.severity === b[i].severity);

export const RuleRow = memo(
  RuleRowImpl,
  (a, b) =>
    a.index === b.index &&
    a.ruleKey === b.ruleKey &&
    a.figures === b.figures &&
    a.onTouch === b.onTouch &&
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
