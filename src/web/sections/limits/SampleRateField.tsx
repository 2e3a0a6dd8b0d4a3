import { useWatch } from 'react-hook-form';
import { PROJECT_FIELDS } from '../../../shared/schemas/project';
import type { ProjectFormValues } from '../../../shared/form';
import { validateField } from '../../../shared/form';
import { ProjectTextField } from '../../components/ProjectTextField';
import { sampleRateHint } from './sample-rate';

/** Edited as a percentage with up to 3 decimals; stored as a fraction (decision 6). */
export function SampleRateField() {
  const text = useWatch<ProjectFormValues, 'sample_rate'>({ name: 'sample_rate' });
  const valid = validateField('sample_rate', text) === undefined;
  return (
    <ProjectTextField
      name="sample_rate"
      slotProps={{ htmlInput: { inputMode: 'decimal' } }}
      hint={sampleRateHint(text, valid, PROJECT_FIELDS.sample_rate.description)}
    />
  );
}
