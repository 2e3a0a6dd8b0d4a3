import {
  createContext,
  memo,
  useCallback,
  useContext,
  useDeferredValue,
  useId,
  useMemo,
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
  const paperSx = useMemo(
    () => ({ p: 2, borderColor: hasError ? 'error.main' : undefined, borderLeftWidth: hasError ? 4 : 1 }),
    [hasError],
  );
  // A keystroke renders this row once: its parts that did not change (heading, buttons, the sentence until its
  // deferred render) are memoised and skipped.
  return (
    <Paper
      variant="outlined"
      role="group"
      aria-labelledby={headingId}
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
      onFocus={() => setFocused(true)}
      onBlur={leave}
      sx={paperSx}
    >
      <Stack direction="row" spacing={1} sx={HEADER_SX}>
        <RuleHeading id={headingId} n={n} />
        <RuleSentence rule={rule} catalog={catalog} description={description} open={hovered || focused} />
        {figures && (
          <Typography variant="body2" sx={FIGURES_SX}>
            {figures}
          </Typography>
        )}
        <RuleActions index={index} onDuplicate={onDuplicate} onRemove={onRemove} />
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

const HEADER_SX = { alignItems: 'baseline', flexWrap: 'wrap', mb: 1.5 };
const FIGURES_SX = { fontVariantNumeric: 'tabular-nums' };
const HEADING_SX = { fontWeight: 600 };
const ACTIONS_SX = { display: 'flex', gap: 1 };

const RuleHeading = memo(function RuleHeading({ id, n }: { id: string; n: number }) {
  return (
    <Typography id={id} variant="subtitle1" component="h3" sx={HEADING_SX}>
      Rule {n}
    </Typography>
  );
});

const RuleActions = memo(function RuleActions({
  index,
  onDuplicate,
  onRemove,
}: {
  index: number;
  onDuplicate(index: number): void;
  onRemove(index: number): void;
}) {
  return (
    <Box sx={ACTIONS_SX}>
      <Button size="small" onClick={() => onDuplicate(index)}>
        Duplicate
      </Button>
      <Button size="small" color="error" onClick={() => onRemove(index)}>
        Delete
      </Button>
    </Box>
  );
});

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
  // The sentence follows a keystroke in a deferred render: its open tooltip re-measures its position (a forced
  // layout) whenever it renders, which must not hold back the keystroke's paint.
  const shownRule = useDeferredValue(rule);
  const words = useMemo(() => describeRule(shownRule, catalog?.byId ?? null), [shownRule, catalog]);
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
      slotProps={TOOLTIP_SLOTS}
    >
      {sentence}
    </Tooltip>
  );
});
const SENTENCE_SX = { flex: '1 1 200px' };
// Beneath the sticky save bar (z-index 2), not above everything: a rule scrolled under the bar must not float
// its description over the bar's messages and buttons.
const TOOLTIP_SLOTS = { popper: { sx: { zIndex: 1 } } };

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
