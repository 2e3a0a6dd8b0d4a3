import { useId } from 'react';
import { useController, useFormContext } from 'react-hook-form';
import { Box, FormControlLabel, FormHelperText, Switch } from '@mui/material';
import type { ProjectFormValues } from '../../../shared/form';
import { PROJECT_FIELDS, type FieldSpec } from '../../../shared/schemas/project';
import { useFieldNote } from '../../settings/project-context';
import type { BooleanFieldName } from './logic';
import { useNoEffect } from './useNoEffect';

/**
 * A boolean project field as a labelled switch. Its help says what it does (the vendor's description)
 * and, when it currently has no effect, why; it stays editable either way (decision 10).
 */
export function SwitchField({ name }: { name: BooleanFieldName }) {
  const { control } = useFormContext<ProjectFormValues>();
  const { field } = useController({ name, control });
  const spec: FieldSpec = PROJECT_FIELDS[name];
  const noEffect = useNoEffect(name);
  const note = useFieldNote(name);
  const helpId = useId();
  const hasHelp = Boolean(spec.description || noEffect || note);
  return (
    <Box>
      <FormControlLabel
        label={spec.label}
        control={
          <Switch
            checked={field.value === true}
            onChange={(event) => field.onChange(event.target.checked)}
            onBlur={field.onBlur}
            name={name}
            slotProps={{ input: { ref: field.ref, 'aria-describedby': hasHelp ? helpId : undefined } }}
          />
        }
      />
      {hasHelp && (
        <Box id={helpId} sx={{ ml: 6.5, mt: -0.5 }}>
          {spec.description && <FormHelperText sx={{ m: 0 }}>{spec.description}</FormHelperText>}
          {noEffect && <NoEffectText>{noEffect}</NoEffectText>}
          {note && <FormHelperText sx={{ m: 0, color: 'warning.main' }}>{note}</FormHelperText>}
        </Box>
      )}
    </Box>
  );
}

/** The marked "no effect" reason (readable contrast; an explanation, not an error). */
export function NoEffectText({ id, children }: { id?: string; children: string }) {
  return (
    <FormHelperText id={id} sx={{ m: 0, fontStyle: 'italic', color: 'text.secondary' }}>
      {children}
    </FormHelperText>
  );
}
