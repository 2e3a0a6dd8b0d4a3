import { useEffect, useId, useRef, useState, type ComponentType, type ReactNode, type Ref } from 'react';
import Box from '@mui/material/Box';
import SvgIcon from '@mui/material/SvgIcon';
import { OutlinedTextField } from './OutlinedTextField';

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

type Picker = ComponentType<TimeZoneSelectProps & { defaultOpen?: boolean }>;
let picker: Picker | undefined;
let pending: Promise<Picker> | undefined;
/** The picker itself (MUI's Autocomplete with Popper: about 17 KB brotli), fetched once, when first wanted. */
const loadPicker = () =>
  (pending ??= import('./TimeZoneAutocomplete').then(
    (module) => (picker = module.TimeZoneAutocomplete),
    (error: unknown) => {
      pending = undefined; // a failed download is tried again on the next approach
      throw error;
    },
  ));

// The first screen's own work goes first: the picker is fetched ahead of use only after this long, when idle.
const PREFETCH_AFTER_MS = 1000;

/** Once the page has settled: PREFETCH_AFTER_MS after the first render, at the browser's next idle moment. */
function whenSettled(run: () => void): () => void {
  let idle: number | undefined;
  const timer = setTimeout(() => {
    if (typeof requestIdleCallback === 'function') idle = requestIdleCallback(run);
    else run();
  }, PREFETCH_AFTER_MS);
  return () => {
    clearTimeout(timer);
    if (idle !== undefined) cancelIdleCallback(idle);
  };
}

/**
 * A searchable IANA time-zone picker (decision 5; TimeZoneAutocomplete.tsx). Its code is not part of the page's
 * first screen: until it has arrived this shows the same field read-only (the value, label and help) and fetches
 * it when the field is approached (pointer, focus) or once the page has settled. Focus moves over to the picker,
 * and a click opens its list.
 */
export function TimeZoneSelect(props: TimeZoneSelectProps) {
  // What the placeholder was doing when the picker arrived: the picker takes over its focus, or opens its list.
  type Arrived = { Picker: Picker; handOver: 'focus' | 'open' | null };
  const [arrived, setArrived] = useState<Arrived | undefined>(() => picker && { Picker: picker, handOver: null });
  const generatedId = useId();
  const id = props.id ?? generatedId;
  const handOver = useRef<Arrived['handOver']>(null);

  const want = () => {
    if (!arrived)
      loadPicker().then(
        (Picker) => setArrived((current) => current ?? { Picker, handOver: handOver.current }),
        () => undefined,
      );
  };
  useEffect(() => (arrived ? undefined : whenSettled(want)), [arrived]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    // The picker's input has the placeholder's id.
    if (arrived?.handOver) document.getElementById(id)?.focus();
  }, [arrived, id]);

  if (arrived) return <arrived.Picker {...props} id={id} defaultOpen={arrived.handOver === 'open'} />;
  return (
    <OutlinedTextField
      id={id}
      label={props.label}
      value={props.value}
      error={props.error}
      helperText={props.helperText}
      inputRef={props.inputRef}
      readOnly
      fullWidth
      onPointerEnter={want}
      onPointerDown={() => {
        handOver.current = 'open';
        want();
      }}
      onFocus={() => {
        handOver.current ??= 'focus';
        want();
      }}
      onBlur={() => {
        handOver.current = null;
        props.onBlur?.();
      }}
      autoComplete="off"
      sx={{ '& .MuiOutlinedInput-root': { pr: '39px' } }}
      endAdornment={
        // Where Autocomplete shows its "Open" button; decoration only until the picker is here.
        <Box
          component="span"
          aria-hidden
          sx={{ position: 'absolute', right: 9, top: '50%', transform: 'translateY(-50%)', display: 'flex', p: '2px' }}
        >
          <SvgIcon sx={{ color: 'action.active' }}>
            <path d="M7 10l5 5 5-5z" />
          </SvgIcon>
        </Box>
      }
    />
  );
}
