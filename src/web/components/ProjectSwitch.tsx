import { FormControlLabel, FormHelperText, Switch, Box } from '@mui/material';
import { useController } from 'react-hook-form';
import { PROJECT_FIELDS, type ProjectField } from '../../shared/schemas/project';
import type { ProjectFormValues } from '../../shared/form';
import { useFieldNote } from '../settings/project-context';
import { fieldHelp } from './field-help';

/** A switch bound to one boolean project field, with the vendor's description where it says more. */
export function ProjectSwitch({ name, hint }: { name: ProjectField; hint?: string }) {
  const { field, fieldState } = useController<ProjectFormValues>({ name });
  const spec = PROJECT_FIELDS[name] as { label: string; description?: string };
  const note = useFieldNote(name);
  const helpId = `${name}-help`;
  const help = fieldHelp({ error: fieldState.error?.message, note, hint: hint ?? spec.description });
  return (
    <Box sx={{ py: 0.5 }}>
      <FormControlLabel
        label={spec.label}
        control={
          <Switch
            name={field.name}
            checked={field.value === true}
            onChange={(event) => field.onChange(event.target.checked)}
            onBlur={field.onBlur}
            slotProps={{ input: { ref: field.ref, ...(help ? { 'aria-describedby': helpId } : {}) } }}
          />
        }
      />
      {help && (
        <FormHelperText id={helpId} error={!!fieldState.error} sx={{ mt: -0.5, ml: 6 }}>
          {help}
        </FormHelperText>
      )}
    </Box>
  );
}
