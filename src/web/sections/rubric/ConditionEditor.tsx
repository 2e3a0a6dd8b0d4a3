import { memo, useCallback, useLayoutEffect, useRef } from 'react';
import { TextField } from '@mui/material';
import type { ConditionLike } from '../../../shared/call-log';
import type { Metric } from '../../../shared/schemas/metric';
import { enumValuesOf } from '../../../shared/schemas/metric';
import { readBinaryRuleValue } from '../../../shared/call-log';
import { binaryValue, changeOperator, type EditableCondition } from '../../../shared/rubric/convert';
import { enumLabel } from '../../../shared/rubric/describe';
import {
  isQualitative,
  metricUnit,
  opLabel,
  OPS_FOR,
  QUALITATIVE_SCALE,
  type RuleFamily,
} from '../../../shared/rubric/rule';
import { EnumMultiSelect } from './EnumMultiSelect';
import { ScoreInput } from './ScoreInput';

// The operator (only those valid for the metric's type, in words) and a value editor fitting the type.

interface Props {
  family: RuleFamily;
  metric: Metric;
  condition: ConditionLike;
  /** Marks the value field when one of the rule's messages is about its value. */
  invalid: boolean;
  onChange(condition: EditableCondition): void;
}

const flex = { flex: '1 1 160px', minWidth: 150 };

export const ConditionEditor = memo(function ConditionEditor({ family, metric, condition, invalid, onChange }: Props) {
  const op = typeof condition.op === 'string' ? condition.op : '';
  const set = (value: EditableCondition['value']) => onChange({ ...changeOperator(family, condition, op), value });
  // The operator list renders only when the operator or the metric's family changes, not when the value does
  // (every keystroke in it): its handler reads the condition as last rendered.
  const latest = useRef({ condition, onChange });
  useLayoutEffect(() => {
    latest.current = { condition, onChange };
  });
  const pickOperator = useCallback(
    (next: string) => latest.current.onChange(changeOperator(family, latest.current.condition, next)),
    [family],
  );
  return (
    <>
      <OperatorSelect family={family} op={op} onPick={pickOperator} />
      <ValueEditor family={family} metric={metric} op={op} value={condition.value} invalid={invalid} onChange={set} />
    </>
  );
});

const OperatorSelect = memo(function OperatorSelect({
  family,
  op,
  onPick,
}: {
  family: RuleFamily;
  op: string;
  onPick(op: string): void;
}) {
  const ops = OPS_FOR[family];
  return (
    <TextField
      select
      label="Condition"
      value={op}
      onChange={(event) => onPick(event.target.value)}
      slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
      error={!ops.includes(op)}
      sx={flex}
    >
      {!ops.includes(op) && <option value={op}>{`${opLabel(family, op)} (not valid here)`}</option>}
      {ops.map((o) => (
        <option key={o} value={o}>
          {opLabel(family, o)}
        </option>
      ))}
    </TextField>
  );
});

interface ValueProps {
  family: RuleFamily;
  metric: Metric;
  op: string;
  value: unknown;
  invalid: boolean;
  onChange(value: EditableCondition['value']): void;
}

function ValueEditor({ family, metric, op, value, invalid, onChange }: ValueProps) {
  if (family === 'score') {
    const { label, helper } = scoreWords(metric);
    return (
      <ScoreInput label={label} value={value} helperText={helper} invalid={invalid} onChange={onChange} sx={flex} />
    );
  }
  if (family === 'binary') {
    const current = readBinaryRuleValue(value);
    return (
      <TextField
        select
        label="Value"
        value={current === null ? '' : String(current)}
        onChange={(event) => onChange(binaryValue(event.target.value === 'true'))}
        slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
        error={invalid}
        sx={flex}
      >
        {current === null && (
          <option value="">
            {value === '' || value == null ? 'Choose True or False' : `${JSON.stringify(value)} (not True/False)`}
          </option>
        )}
        <option value="true">True</option>
        <option value="false">False</option>
      </TextField>
    );
  }
  const allowed = enumValuesOf(metric);
  if (op === 'in')
    return <EnumMultiSelect options={allowed} value={value} invalid={invalid} onChange={onChange} sx={flex} />;
  const text = typeof value === 'string' ? value : '';
  return (
    <TextField
      select
      label="Value"
      value={text}
      onChange={(event) => onChange(event.target.value)}
      slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
      error={invalid}
      sx={flex}
    >
      {!allowed.includes(text) && <option value={text}>{text ? `${text} (not allowed)` : 'Choose a value'}</option>}
      {allowed.map((v) => (
        <option key={v} value={v}>
          {enumLabel(v)}
        </option>
      ))}
    </TextField>
  );
}

/** A score editor's label and hint by type: "Score (0-5)" on a qualitative scale, "Value (ms)" with a unit. */
export function scoreWords(metric: Metric): { label: string; helper: string } {
  if (isQualitative(metric)) {
    const scale = `${QUALITATIVE_SCALE.min}-${QUALITATIVE_SCALE.max}`;
    return { label: `Score (${scale})`, helper: `Scale ${scale}` };
  }
  const unit = metricUnit(metric);
  return { label: unit ? `Value (${unit})` : 'Value', helper: unit ? `A number, in ${unit}` : 'Any number' };
}
