import { useState } from 'react';
import { TextField, type SxProps } from '@mui/material';
import { scoreFromText } from '../../../shared/rubric/convert';

/**
 * A score as typed: the text stays as the user wrote it ("4." while typing), the rule holds the number
 * (or the text, when it is not one, which the checks then name). Follows outside changes of the value.
 */
export function ScoreInput({
  label,
  value,
  helperText,
  invalid,
  onChange,
  sx,
}: {
  /** "Score (0-5)", "Value (ms)", "Value": the label says what kind of number. */
  label: string;
  value: unknown;
  helperText: string;
  invalid: boolean;
  onChange(value: number | string): void;
  sx?: SxProps;
}) {
  const [text, setText] = useState(() => toText(value));
  const [shown, setShown] = useState(value);
  // The value changed elsewhere (JSON view, Discard): show it, unless the text already says it.
  if (!sameValue(shown, value)) {
    setShown(value);
    if (!sameValue(scoreFromText(text), value)) setText(toText(value));
  }
  return (
    <TextField
      label={label}
      value={text}
      onChange={(event) => {
        const next = scoreFromText(event.target.value);
        setText(event.target.value);
        setShown(next);
        onChange(next);
      }}
      helperText={helperText}
      error={invalid}
      autoComplete="off"
      slotProps={{ htmlInput: { inputMode: 'decimal' }, inputLabel: { shrink: true } }}
      sx={sx}
    />
  );
}

const toText = (value: unknown): string =>
  typeof value === 'number' || typeof value === 'string' ? String(value) : (JSON.stringify(value) ?? '');
const sameValue = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);
