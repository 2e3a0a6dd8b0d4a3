import { useController, useFormContext } from 'react-hook-form';
import { TextField } from '@mui/material';
import type { ProjectFormValues } from '../../../shared/form';
import { PROJECT_FIELDS, type FieldSpec, type ProjectField } from '../../../shared/schemas/project';
import { useFieldNote } from '../../settings/project-context';
import { useNoEffect } from './useNoEffect';

/** An integer field typed as text (the form keeps what was typed); errors come from the form's resolver. */
export function IntField({ name }: { name: ProjectField }) {
  const { control } = useFormContext<ProjectFormValues>();
  const { field, fieldState } = useController({ name, control });
  const spec: FieldSpec = PROJECT_FIELDS[name];
  const noEffect = useNoEffect(name);
  const note = useFieldNote(name);
  const help = fieldState.error?.message ?? [note, spec.description, noEffect].filter(Boolean).join(' ');
  return (
    <TextField
      label={spec.label}
      size="small"
      value={String(field.value ?? '')}
      onChange={(event) => field.onChange(event.target.value)}
      onBlur={field.onBlur}
      inputRef={field.ref}
      name={name}
      error={Boolean(fieldState.error)}
      helperText={help || undefined}
      sx={{ maxWidth: 360 }}
      slotProps={{
        htmlInput: { inputMode: 'numeric' },
        formHelperText: note && !fieldState.error ? { sx: { color: 'warning.main' } } : undefined,
      }}
    />
  );
}
