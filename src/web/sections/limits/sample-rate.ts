import { percentTextToFraction } from '../../../shared/form';

/** The field's description plus what will be stored, so "0.1" is not mistaken for 10%. */
export function sampleRateHint(text: string, valid: boolean, description: string): string {
  if (!valid) return description;
  return `${description} Stored as ${percentTextToFraction(text)} (${Number(text)}% of calls).`;
}
