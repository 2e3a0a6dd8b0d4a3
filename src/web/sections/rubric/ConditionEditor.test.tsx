// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { ConditionEditor } from './ConditionEditor';
import type { EditableCondition } from '../../../shared/rubric/convert';
import type { Metric } from '../../../shared/schemas/metric';

afterEach(cleanup);

const latency: Metric = { id: 7, name: 'Latency', eval_type: 'numeric', type: 'latency' };

function Harness({ seen }: { seen: EditableCondition[] }) {
  const [condition, setCondition] = useState<EditableCondition>({ field: 'score', op: 'lte', value: 2300 });
  return (
    <ConditionEditor
      family="score"
      metric={latency}
      condition={condition}
      invalid={false}
      onChange={(next) => {
        seen.push(next);
        setCondition(next);
      }}
    />
  );
}

describe('ConditionEditor', () => {
  // The operator list is memoised apart from the value: its handler must still start from the value just typed.
  it('keeps the value just typed when the operator changes next', () => {
    const seen: EditableCondition[] = [];
    render(<Harness seen={seen} />);
    const value = screen.getByRole('textbox');
    fireEvent.change(value, { target: { value: '2500' } });
    fireEvent.change(value, { target: { value: '25001' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Condition' }), { target: { value: 'gt' } });
    expect(seen.at(-1)).toEqual({ field: 'score', op: 'gt', value: 25001 });
    expect(screen.getByRole('textbox')).toHaveProperty('value', '25001');
  });
});
