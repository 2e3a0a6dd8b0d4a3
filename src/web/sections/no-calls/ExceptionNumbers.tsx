import { useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { Box, Chip, FormHelperText, MenuItem, Stack, TextField, Typography } from '@mui/material';
import {
  addNumbers,
  checkStoredNumber,
  COUNTRIES,
  DEFAULT_COUNTRY,
  normaliseNumber,
  type CountryCode,
} from '../../../shared/no-calls/phone';
import { listOf } from '../../../shared/no-calls/edit';
import { combine, messagesAt, serverMessageAt } from './messages';
import type { ScheduleState } from './useSchedule';

// Exception numbers as chips. What is typed or pasted is split (see splitPasted), normalised to E.164
// and merged with the list. A malformed entry stays in the list as typed, shown as an error chip: the
// section validator blocks the save while it is there, so nothing typed is lost and nothing bad is sent.

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
const countryName = (code: string) => regionNames.of(code) ?? code;
const SORTED_COUNTRIES = [...COUNTRIES].sort((a, b) => countryName(a).localeCompare(countryName(b)));

export function ExceptionNumbers({ state }: { state: ScheduleState }) {
  const [text, setText] = useState('');
  const [country, setCountry] = useState<CountryCode>(DEFAULT_COUNTRY);
  const [notice, setNotice] = useState('');
  const numbers = listOf(state.view, 'exception_numbers');

  const commit = (input: string) => {
    if (!input.trim()) return;
    const result = addNumbers(numbers, input, country);
    if (result.added > 0) state.update({ exception_numbers: result.list });
    setNotice(result.merged > 0 ? `${result.merged} already listed, merged.` : '');
    setText('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === ',' || event.key === ';') {
      event.preventDefault();
      commit(text);
    }
  };
  const onPaste = (event: ClipboardEvent<HTMLInputElement>) => {
    event.preventDefault();
    commit(text + event.clipboardData.getData('text'));
  };
  const remove = (index: number) => state.update({ exception_numbers: numbers.filter((_, i) => i !== index) });
  // An error chip goes back into the input to be fixed.
  const edit = (index: number) => {
    setText(typeof numbers[index] === 'string' ? (numbers[index] as string) : '');
    remove(index);
  };

  const listMessages = combine(
    messagesAt(state.issues, 'exception_numbers', state.edited),
    serverMessageAt(state.errors, 'exception_numbers'),
  );
  return (
    <Stack spacing={1.5} component="section" aria-labelledby="no-calls-numbers">
      <Typography id="no-calls-numbers" component="h2" variant="h6">
        Exception numbers
      </Typography>
      <Typography variant="body2" color="text.secondary">
        Calls from these numbers are ignored when checking for silence.
      </Typography>
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <TextField
          label="Add numbers"
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          onBlur={() => commit(text)}
          helperText="Type or paste; separate numbers with commas, semicolons or new lines. Enter adds."
          sx={{ flex: '1 1 320px' }}
        />
        <TextField
          select
          label="Country for numbers without +"
          value={country}
          onChange={(event) => setCountry(event.target.value as CountryCode)}
          sx={{ width: 300 }}
        >
          {SORTED_COUNTRIES.map((code) => (
            <MenuItem key={code} value={code}>
              {countryName(code)} ({code})
            </MenuItem>
          ))}
        </TextField>
      </Box>
      {notice && <FormHelperText>{notice}</FormHelperText>}
      {listMessages.map((m) => (
        <FormHelperText key={m.text} error={m.tone === 'error'}>
          {m.text}
        </FormHelperText>
      ))}
      <NumberChips state={state} numbers={numbers} country={country} onRemove={remove} onEdit={edit} />
    </Stack>
  );
}

interface Entry {
  index: number;
  label: string;
  color: 'default' | 'warning' | 'error';
  notes: { text: string; error: boolean }[];
}

/** Each entry with its colour and what to say about it (why it is malformed, or a warning). */
function entriesOf(state: ScheduleState, numbers: unknown[], country: CountryCode): Entry[] {
  return numbers.map((number, index) => {
    const stored = checkStoredNumber(number);
    // A malformed entry is explained as it was read (with the chosen country), not only as "not E.164".
    const reason =
      stored.status === 'invalid' && typeof number === 'string'
        ? (normaliseNumber(number, country).message ?? stored.message)
        : undefined;
    const path = `exception_numbers.${index}`;
    // The specific reason replaces the generic "not E.164" issue for the same entry.
    const messages = combine(messagesAt(state.issues, path, state.edited), serverMessageAt(state.errors, path)).filter(
      (m) => !reason || !stored.message || !m.text.endsWith(stored.message),
    );
    const notes = [
      ...(reason ? [{ text: state.edited ? reason : `Stored value: ${reason}`, error: state.edited }] : []),
      ...messages.map((m) => ({
        text: m.tone === 'warning' ? `Warning: ${m.text}` : m.text,
        error: m.tone === 'error',
      })),
    ];
    const label = typeof number === 'string' ? number : JSON.stringify(number);
    return {
      index,
      label,
      color: stored.status === 'invalid' ? 'error' : stored.status === 'unverified' ? 'warning' : 'default',
      notes,
    };
  });
}

function NumberChips(props: {
  state: ScheduleState;
  numbers: unknown[];
  country: CountryCode;
  onRemove: (i: number) => void;
  onEdit: (i: number) => void;
}) {
  const { state, numbers, country, onRemove, onEdit } = props;
  if (numbers.length === 0)
    return <Typography variant="body2">No exception numbers: calls from every number count.</Typography>;
  const entries = entriesOf(state, numbers, country);
  return (
    <>
      <Box
        component="ul"
        aria-label="Exception numbers"
        sx={{ listStyle: 'none', p: 0, m: 0, display: 'flex', gap: 1, flexWrap: 'wrap' }}
      >
        {entries.map((entry) => (
          <li key={`${entry.label}-${entry.index}`}>
            <Chip
              label={entry.label}
              color={entry.color}
              variant={entry.color === 'default' ? 'filled' : 'outlined'}
              onDelete={() => onRemove(entry.index)}
              onClick={entry.color === 'error' ? () => onEdit(entry.index) : undefined}
              title={entry.color === 'error' ? 'Click to edit; the cross removes it.' : 'The cross removes it.'}
            />
          </li>
        ))}
      </Box>
      {entries
        .filter((entry) => entry.notes.length > 0)
        .map((entry) => (
          <FormHelperText key={`note-${entry.index}`} error={entry.notes.some((n) => n.error)} sx={{ m: 0 }}>
            {entry.label}: {entry.notes.map((n) => n.text).join(' ')}
          </FormHelperText>
        ))}
    </>
  );
}
