import { useController } from 'react-hook-form';
import { PROJECT_FIELDS, type ProjectField } from '../../shared/schemas/project';
import type { ProjectFormValues } from '../../shared/form';
import { useFieldNote } from '../settings/project-context';
import { fieldHelp } from './field-help';
import { OutlinedTextField, type OutlinedTextFieldProps } from './OutlinedTextField';

type Props = Omit<OutlinedTextFieldProps, 'name' | 'value' | 'onChange' | 'error'> & {
  name: ProjectField;
  /** Fields whose check depends on this one (min/max): re-checked when it changes. */
  deps?: ProjectField[];
  hint?: string;
};

/** A text input bound to one project field: label from PROJECT_FIELDS, error at the field, stored-value warning. */
export function ProjectTextField({ name, deps, hint, helperText, ...props }: Props) {
  const { field, fieldState } = useController<ProjectFormValues>({ name, rules: deps ? { deps } : undefined });
  const spec = PROJECT_FIELDS[name] as { label: string; description?: string };
  const note = useFieldNote(name);
  return (
    <OutlinedTextField
      {...props}
      label={spec.label}
      name={field.name}
      value={(field.value as string) ?? ''}
      onChange={field.onChange}
      onBlur={field.onBlur}
      inputRef={field.ref}
      error={!!fieldState.error}
      helperText={fieldHelp({ error: fieldState.error?.message, note, hint: helperText ?? hint ?? spec.description })}
      fullWidth
    />
  );
}
