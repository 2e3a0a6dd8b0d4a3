import { useCallback, useEffect, useRef } from 'react';
import { Box, Stack, Typography } from '@mui/material';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { RuleIssue } from '../../../shared/rubric/check';
import type { MetricCatalog } from '../../api/metrics';
import { RuleRow } from './RuleRow';
import type { RubricField } from './useRubricField';

// The rules, one card each. Beyond VIRTUAL_FROM rules only the cards in view are rendered (a rubric of
// 300 rules, each with a metric picker, would otherwise take seconds to render).

export const VIRTUAL_FROM = 40;
const NO_ISSUES: RuleIssue[] = [];
const NO_MESSAGES: string[] = [];

export interface RuleListProps {
  field: RubricField;
  catalog: MetricCatalog | undefined;
  catalogLoading: boolean;
  issues: RuleIssue[][];
  serverMessages: Map<number, string[]>;
  /** Key of a rule just added: its metric picker takes the focus. */
  focusKey: string | null;
  /** The stored indices of the rules shown, in view order (sorting and filtering change this only). */
  order: readonly number[];
  /** Each rule's figures line from the impact preview (by stored index), when it ran. */
  figures: readonly string[] | null;
}

export function RuleList(props: RuleListProps) {
  if (props.order.length === 0)
    return (
      <Typography variant="body2" sx={{ py: 2 }}>
        No rule matches these filters.
      </Typography>
    );
  return props.order.length >= VIRTUAL_FROM ? <VirtualRuleList {...props} /> : <PlainRuleList {...props} />;
}

function row(
  { field, catalog, catalogLoading, issues, serverMessages, focusKey, figures }: RuleListProps,
  index: number,
) {
  return (
    <RuleRow
      index={index}
      ruleKey={field.keys[index]}
      onTouch={field.touch}
      rule={field.rules[index]}
      ruleText={field.texts[index]}
      catalog={catalog}
      catalogLoading={catalogLoading}
      issues={issues[index] ?? NO_ISSUES}
      serverMessages={serverMessages.get(index) ?? NO_MESSAGES}
      autoFocus={field.keys[index] === focusKey}
      figures={figures?.[index]}
      onSetRule={field.setRule}
      onDuplicate={field.duplicate}
      onRemove={field.remove}
    />
  );
}

function PlainRuleList(props: RuleListProps) {
  return (
    <Stack spacing={2}>
      {props.order.map((index) => (
        <div key={props.field.keys[index]}>{row(props, index)}</div>
      ))}
    </Stack>
  );
}

const estimateSize = () => 190;
const SCROLL_SX = { maxHeight: '70vh', overflowY: 'auto', pr: 1 };
// theme.spacing(2) below each card.
const ROW_STYLE = { position: 'absolute', top: 0, left: 0, width: '100%', paddingBottom: 16 } as const;

function VirtualRuleList(props: RuleListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const getScrollElement = useCallback(() => scrollRef.current, []);
  const { keys } = props.field;
  const { order } = props;
  // Stable while rules are only edited: the virtualizer keeps its measurements (a new function makes it work
  // out all the rows' positions again on every keystroke).
  const getItemKey = useCallback((position: number) => keys[order[position]] ?? position, [keys, order]);
  // oxlint-disable-next-line react/incompatible-library -- the list does not rely on memoising the virtualizer
  const virtualizer = useVirtualizer({
    count: order.length,
    getScrollElement,
    estimateSize,
    overscan: 4,
    getItemKey,
  });
  // A rule just added sits at the end, outside the rendered window: bring it into view (its picker focuses).
  const focusIndex = props.focusKey ? order.indexOf(keys.indexOf(props.focusKey)) : -1;
  useEffect(() => {
    if (focusIndex >= 0) virtualizer.scrollToIndex(focusIndex, { align: 'center' });
  }, [focusIndex, virtualizer]);
  return (
    <Box
      ref={scrollRef}
      tabIndex={0}
      role="region"
      aria-label={`Rules (${order.length}, scroll to see more)`}
      sx={SCROLL_SX}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => (
          // Plain elements with inline styles: these wrappers render again whenever the list does (every
          // keystroke), and an emotion-styled Box would serialise and hash its styles each time.
          <div
            key={item.key}
            data-index={item.index}
            ref={virtualizer.measureElement}
            style={{ ...ROW_STYLE, transform: `translateY(${item.start}px)` }}
          >
            {row(props, order[item.index])}
          </div>
        ))}
      </div>
    </Box>
  );
}
