import { useMemo, type ReactNode, type Ref } from 'react';
import Autocomplete from '@mui/material/Autocomplete';
import TextField from '@mui/material/TextField';
import { timeZoneOptions } from './time-zones';

export interface TimeZoneSelectProps {
  value: string;
  onChange(value: string): void;
  label: string;
  error?: boolean;
  helperText?: ReactNode;
  onBlur?(): void;
  inputRef?: Ref<HTMLInputElement>;
  id?: string;
}

/**
 * A searchable IANA time-zone picker (decision 5). Heavy (Autocomplete): import it only from lazy sections.
 * Lists the browser's zones plus UTC plus the current value, so a stored name the list omits still shows.
 */
export function TimeZoneSelect({
  value,
  onChange,
  label,
  error,
  helperText,
  onBlur,
  inputRef,
  id,
}: TimeZoneSelectProps) {
  const options = useMemo(() => timeZoneOptions(value), [value]);
  return (
    <Autocomplete
      id={id}
      options={options}
      value={value || null}
      onChange={(_event, next) => onChange(next ?? '')}
      onBlur={onBlur}
      autoHighlight
      renderInput={(params) => (
        <TextField {...params} label={label} error={error} helperText={helperText} inputRef={inputRef} />
      )}
    />
  );
}
