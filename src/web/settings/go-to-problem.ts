import {
  PROJECT_FIELDS,
  PROJECT_FIELD_NAMES,
  SECTION_IDS,
  type ProjectField,
  type SectionId,
} from '../../shared/schemas/project';
import { findFieldElement, revealField } from '../search/focus-field';
import { fieldOfPath, isProjectField } from './form-errors';

// "Go to the first problem": the first path with a message, in the order a user meets them (sections in
// navigation order, fields in declaration order), then the first invalid control of that section on screen.

export interface ProblemPlace {
  section: SectionId;
  field: ProjectField;
}

export function firstProblem(paths: readonly string[]): ProblemPlace | null {
  let best: ProblemPlace | null = null;
  const rank = (place: ProblemPlace) =>
    SECTION_IDS.indexOf(place.section) * 1000 + PROJECT_FIELD_NAMES.indexOf(place.field);
  for (const path of paths) {
    const field = fieldOfPath(path);
    if (!isProjectField(field)) continue;
    const place = { section: PROJECT_FIELDS[field].section, field };
    if (!best || rank(place) < rank(best)) best = place;
  }
  return best;
}

/**
 * Waits until the field's section is on screen (its field element exists in <main>), then reveals the first
 * control marked invalid there (the message the user has to read), else the field itself. False after `timeoutMs`.
 */
export function revealProblem(place: ProblemPlace, timeoutMs = 8000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve) => {
    const attempt = () => {
      const main = document.querySelector('main');
      const element = main ? findFieldElement(place.field, main) : null;
      if (element) {
        const invalid = main?.querySelector('[aria-invalid="true"]');
        revealField(invalid ?? element);
        return resolve(true);
      }
      if (Date.now() > deadline) return resolve(false);
      window.setTimeout(attempt, 50);
    };
    attempt();
  });
}
