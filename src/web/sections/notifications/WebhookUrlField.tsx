import { useController, useFormContext } from 'react-hook-form';
import { Button, Stack, TextField } from '@mui/material';
import type { ProjectFormValues } from '../../../shared/form';
import { PROJECT_FIELDS } from '../../../shared/schemas/project';
import { useFieldNote } from '../../settings/project-context';

const FIELD = 'webhook_url';

/** The webhook target (http/https). "Remove" stores "" (decision 9); validation comes from the form's resolver. */
export function WebhookUrlField() {
  const { control } = useFormContext<ProjectFormValues>();
  const { field, fieldState } = useController({ name: FIELD, control });
  const note = useFieldNote(FIELD);
  const value = String(field.value ?? '');
  const spec = PROJECT_FIELDS[FIELD];
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
      <TextField
        label={spec.label}
        size="small"
        fullWidth
        value={value}
        placeholder="https://example.com/cekura-events"
        onChange={(event) => field.onChange(event.target.value)}
        onBlur={field.onBlur}
        inputRef={field.ref}
        name={FIELD}
        error={Boolean(fieldState.error)}
        helperText={fieldState.error?.message ?? note ?? spec.description}
        slotProps={{ htmlInput: { inputMode: 'url', spellCheck: false, autoComplete: 'off' } }}
      />
      {value !== '' && (
        <Button variant="outlined" size="small" sx={{ mt: 0.5, flexShrink: 0 }} onClick={() => field.onChange('')}>
          Remove
        </Button>
      )}
    </Stack>
  );
}
