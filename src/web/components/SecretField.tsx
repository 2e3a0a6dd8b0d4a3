import { useEffect, useId, useRef, useState } from 'react';
import { useController, useFormContext } from 'react-hook-form';
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  FormHelperText,
  IconButton,
  InputAdornment,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import type { ProjectFormValues, SecretEdit } from '../../shared/form';
import { statusText, type SecretFieldName, type SecretStatus } from './secret-status';

// A write-only secret (provider key, webhook secret). The form value is an intent, never the stored
// secret: keep (not sent), replace (sends the typed value) or clear (sends ""). A secret an old API
// version returned in clear only ever appears masked, and stays `keep` so it is never sent back.

export interface SecretFieldProps {
  name: SecretFieldName;
  label: string;
  description?: string;
  status: SecretStatus;
}

export default function SecretField({ name, label, description, status }: SecretFieldProps) {
  const { control } = useFormContext<ProjectFormValues>();
  const { field, fieldState } = useController({ name, control });
  const edit = (field.value ?? { mode: 'keep' }) as SecretEdit;
  const [confirming, setConfirming] = useState(false);
  const headingId = useId();
  const statusId = useId();
  const focusTarget = useRef<HTMLElement | null>(null);
  const focusAfterChange = useRef(false);

  // Each mode renders other controls: after a user's switch, focus moves to the new mode's first control
  // (never on mount, so opening the section with a pending edit does not steal focus).
  useEffect(() => {
    if (!focusAfterChange.current) return;
    focusAfterChange.current = false;
    focusTarget.current?.focus();
  }, [edit.mode]);

  const set = (next: SecretEdit, moveFocus = false) => {
    focusAfterChange.current = moveFocus;
    field.onChange(next);
  };
  const setFocusTarget = (element: HTMLElement | null) => {
    focusTarget.current = element;
  };

  return (
    <Box role="group" aria-labelledby={headingId} aria-describedby={statusId} data-field={name} sx={{ py: 1 }}>
      <Typography id={headingId} component="h3" variant="subtitle1" sx={{ fontWeight: 600 }}>
        {label}
      </Typography>
      {description && <FormHelperText sx={{ mt: 0 }}>{description}</FormHelperText>}
      <Typography id={statusId} variant="body2" sx={{ my: 0.5 }}>
        Status: <strong>{statusText(status)}</strong>
        {edit.mode === 'replace' &&
          edit.value !== '' &&
          (status.configured ? ' — will be replaced when you save' : ' — will be set when you save')}
        {edit.mode === 'clear' && ' — will be cleared when you save'}
      </Typography>
      {edit.mode === 'keep' && (
        <Stack direction="row" spacing={1}>
          <Button
            ref={setFocusTarget}
            variant="outlined"
            size="small"
            onClick={() => set({ mode: 'replace', value: '' }, true)}
          >
            {status.configured ? 'Replace' : 'Set'}
          </Button>
          {status.configured && (
            <Button variant="outlined" size="small" color="error" onClick={() => setConfirming(true)}>
              Clear
            </Button>
          )}
        </Stack>
      )}
      {edit.mode === 'replace' && (
        <SecretInput
          label={`New ${label}`}
          value={edit.value}
          error={fieldState.error?.message}
          inputRef={(element) => {
            field.ref(element);
            setFocusTarget(element);
          }}
          onChange={(value) => set({ mode: 'replace', value })}
          onBlur={field.onBlur}
          onCancel={() => set({ mode: 'keep' }, true)}
        />
      )}
      {edit.mode === 'clear' && (
        <Button ref={setFocusTarget} variant="text" size="small" onClick={() => set({ mode: 'keep' }, true)}>
          Cancel
        </Button>
      )}
      <ClearDialog
        open={confirming}
        label={label}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          set({ mode: 'clear' }, true);
        }}
      />
    </Box>
  );
}

interface SecretInputProps {
  label: string;
  value: string;
  error?: string;
  inputRef: (element: HTMLInputElement | null) => void;
  onChange: (value: string) => void;
  onBlur: () => void;
  onCancel: () => void;
}

function SecretInput({ label, value, error, inputRef, onChange, onBlur, onCancel }: SecretInputProps) {
  const [revealed, setRevealed] = useState(false);
  return (
    <Stack direction="row" spacing={1} sx={{ mt: 1, alignItems: 'flex-start' }}>
      <TextField
        label={label}
        size="small"
        type={revealed ? 'text' : 'password'}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onBlur={onBlur}
        inputRef={inputRef}
        error={Boolean(error)}
        helperText={error ?? 'Sent once when you save; never shown again.'}
        sx={{ minWidth: 320 }}
        slotProps={{
          htmlInput: {
            autoComplete: 'new-password',
            spellCheck: false,
            'data-1p-ignore': true,
            'data-lpignore': 'true',
          },
          input: {
            endAdornment: (
              <InputAdornment position="end">
                <IconButton
                  size="small"
                  aria-label="Show value"
                  aria-pressed={revealed}
                  onClick={() => setRevealed((on) => !on)}
                  edge="end"
                >
                  <EyeIcon crossed={revealed} />
                </IconButton>
              </InputAdornment>
            ),
          },
        }}
      />
      <Button variant="text" size="small" onClick={onCancel} sx={{ mt: 0.5 }}>
        Cancel
      </Button>
    </Stack>
  );
}

function ClearDialog({
  open,
  label,
  onCancel,
  onConfirm,
}: {
  open: boolean;
  label: string;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const titleId = useId();
  return (
    <Dialog open={open} onClose={onCancel} aria-labelledby={titleId}>
      <DialogTitle id={titleId}>Clear the {label}?</DialogTitle>
      <DialogContent>
        <DialogContentText>
          When you save, the console sends an empty value (""), which removes the stored value in the built-in emulator;
          Cekura does not document how a secret is removed, so check its status after saving. It is write-only, so the
          console cannot show or restore it: to use it again, enter it again.
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel} autoFocus>
          Keep it
        </Button>
        <Button color="error" onClick={onConfirm}>
          Clear on save
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function EyeIcon({ crossed }: { crossed: boolean }) {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M12 4.5C7 4.5 2.73 7.61 1 12c1.73 4.39 6 7.5 11 7.5s9.27-3.11 11-7.5c-1.73-4.39-6-7.5-11-7.5M12 17c-2.76 0-5-2.24-5-5s2.24-5 5-5 5 2.24 5 5-2.24 5-5 5m0-8c-1.66 0-3 1.34-3 3s1.34 3 3 3 3-1.34 3-3-1.34-3-3-3"
      />
      {crossed && <path stroke="currentColor" strokeWidth="2" d="M3 3l18 18" />}
    </svg>
  );
}
