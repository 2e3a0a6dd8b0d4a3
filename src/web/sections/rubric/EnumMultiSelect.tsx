import { Autocomplete, TextField, type SxProps } from '@mui/material';
import { enumLabel } from '../../../shared/rubric/describe';

/** "is one of": several values from the metric's enum_values, as chips. Values not allowed stay visible. */
export function EnumMultiSelect({
  options,
  value,
  invalid,
  onChange,
  sx,
}: {
  options: string[];
  value: unknown;
  invalid: boolean;
  onChange(value: string[]): void;
  sx?: SxProps;
}) {
  const selected = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  return (
    <Autocomplete
      multiple
      options={options}
      value={selected}
      onChange={(_, next) => onChange(next)}
      getOptionLabel={enumLabel}
      filterSelectedOptions
      disableCloseOnSelect
      sx={{ ...sx, flex: '2 1 240px' }}
      renderInput={(params) => (
        <TextField
          {...params}
          label="Values"
          error={invalid}
          placeholder={selected.length ? undefined : 'Choose values'}
          helperText={selected.length ? 'A call passes with any of these' : undefined}
          slotProps={{ ...params.slotProps, inputLabel: { ...params.slotProps.inputLabel, shrink: true } }}
        />
      )}
    />
  );
}
