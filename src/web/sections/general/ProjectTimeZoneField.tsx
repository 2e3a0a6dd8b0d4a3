import { useController } from 'react-hook-form';
import { PROJECT_FIELDS } from '../../../shared/schemas/project';
import type { ProjectFormValues } from '../../../shared/form';
import { TimeZoneSelect } from '../../components/TimeZoneSelect';
import { fieldHelp } from '../../components/field-help';
import { useFieldNote } from '../../settings/project-context';

export function ProjectTimeZoneField() {
  const { field, fieldState } = useController<ProjectFormValues>({ name: 'timezone' });
  const note = useFieldNote('timezone');
  // The search's jump outlines this box: it stays while TimeZoneSelect swaps its placeholder for the picker.
  return (
    <div data-field="timezone">
      <TimeZoneSelect
        id="project-timezone"
        label={PROJECT_FIELDS.timezone.label}
        value={(field.value as string) ?? ''}
        onChange={field.onChange}
        onBlur={field.onBlur}
        inputRef={field.ref}
        error={!!fieldState.error}
        helperText={fieldHelp({ error: fieldState.error?.message, note, hint: PROJECT_FIELDS.timezone.description })}
      />
    </div>
  );
}
