import { useWatch } from 'react-hook-form';
import type { ProjectFormValues } from '../../../shared/form';
import type { ProjectField } from '../../../shared/schemas/project';
import { NO_EFFECT_INPUTS, noEffectReason, type NoEffectInputs } from './logic';

/** The current "no effect" reason for a field, from the values in the form (what a save would store). */
export function useNoEffect(field: ProjectField): string | undefined {
  const watched = useWatch<ProjectFormValues>({ name: [...NO_EFFECT_INPUTS] });
  const inputs = Object.fromEntries(NO_EFFECT_INPUTS.map((name, index) => [name, watched[index]])) as NoEffectInputs;
  return noEffectReason(field, inputs);
}
