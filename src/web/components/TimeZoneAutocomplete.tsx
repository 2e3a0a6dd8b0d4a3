import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import Autocomplete, { createFilterOptions } from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import { OutlinedTextField } from './OutlinedTextField';
import type { TimeZoneSelectProps } from './TimeZoneSelect';
import { timeZoneOptions } from './time-zones';

type Finder = typeof import('./time-zone-search');
let finder: Promise<Finder> | undefined;
/** The zone database and its ranking: fetched once, when a picker is first opened or focused. */
const loadFinder = () =>
  (finder ??= import('./time-zone-search').catch((error: unknown) => {
    finder = undefined; // offline: the browser's own list serves meanwhile; a later open tries again
    throw error;
  }));

const browserFilter = createFilterOptions<string>();

/**
 * A searchable IANA time-zone picker (decision 5). Heavy (Autocomplete): TimeZoneSelect loads it when wanted.
 * Once open it finds a zone by city, country, old or new IANA name ("Asia/Calcutta" is "Asia/Kolkata"),
 * abbreviation ("PST") or current UTC offset ("GMT+1"), best match first; what it sends is the zone's IANA
 * name. Until the database has arrived (or without it) it lists the browser's zone names, plus the current value.
 */
export function TimeZoneAutocomplete({
  value,
  onChange,
  label,
  error,
  helperText,
  onBlur,
  inputRef,
  id,
  defaultOpen = false,
}: TimeZoneSelectProps & { defaultOpen?: boolean }) {
  const [data, setData] = useState<Finder | null>(null);
  const [open, setOpen] = useState(defaultOpen);
  const load = useCallback(() => {
    if (!data) loadFinder().then(setData, () => undefined);
  }, [data]);
  useEffect(() => {
    if (defaultOpen) load();
  }, []); // eslint-disable-line react-hooks/exhaustive-deps -- once, for a list opened by TimeZoneSelect's click
  const options = useMemo(() => {
    // Closed, only the value is needed: the browser's zone list waits until the list is first shown.
    if (!data) return open ? timeZoneOptions(value) : value ? [value] : [];
    const names = data.zoneEntries().map((entry) => entry.name);
    return value && !data.entryOf(value) ? [...names, value] : names;
  }, [data, value, open]);
  const detailId = useId();
  return (
    <Autocomplete
      id={id}
      options={options}
      value={value || null}
      onChange={(_event, next) => onChange(next ?? '')}
      onBlur={onBlur}
      open={open}
      onOpen={() => {
        load();
        setOpen(true);
      }}
      onClose={() => setOpen(false)}
      loading={open && !data}
      loadingText="Loading time zones…"
      autoHighlight
      isOptionEqualToValue={(option, current) => option === current || data?.entryOf(current)?.name === option}
      filterOptions={(list, state) => {
        if (!data) return browserFilter(list, state);
        const found = state.inputValue.trim() ? data.findZones(state.inputValue).map((entry) => entry.name) : list;
        // A stored name the database does not know is still offered while it matches the text.
        const extra = list.filter((name) => !data.entryOf(name) && browserFilter([name], state).length > 0);
        return [...found, ...extra.filter((name) => !found.includes(name))];
      }}
      renderOption={(props, option) => {
        const { key, ...rest } = props as typeof props & { key: string };
        const detail = data?.entryOf(option)?.detail;
        const describedBy = detail ? `${detailId}-${option}` : undefined;
        return (
          <li key={key} {...rest} aria-label={option} aria-describedby={describedBy}>
            <Box>
              <div>{option}</div>
              {detail && (
                <Box id={describedBy} sx={{ fontSize: 13, color: 'text.secondary' }}>
                  {detail}
                </Box>
              )}
            </Box>
          </li>
        );
      }}
      renderInput={(params) => (
        <OutlinedTextField
          {...params}
          label={label}
          error={error}
          helperText={helperText}
          inputRef={inputRef}
          onFocus={load}
          placeholder="City, country, zone name, PST or GMT+1"
        />
      )}
    />
  );
}
