import {
  PROJECT_FIELDS,
  PROJECT_FIELD_NAMES,
  SECTION_LABELS,
  type ProjectField,
  type SectionId,
} from './schemas/project';

// Finds a setting by its label, its API field name or its description. Every word of the query must
// appear somewhere; a match in the label ranks above one in the field name, above one in the description.

export interface SettingMatch {
  field: ProjectField;
  section: SectionId;
  label: string;
  sectionLabel: string;
  description?: string;
}

const words = (text: string) =>
  text
    .toLowerCase()
    .replace(/[_\-()%:"]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);

const INDEX = PROJECT_FIELD_NAMES.map((field) => {
  const spec = PROJECT_FIELDS[field] as { section: SectionId; label: string; description?: string };
  return {
    match: {
      field,
      section: spec.section,
      label: spec.label,
      sectionLabel: SECTION_LABELS[spec.section],
      description: spec.description,
    },
    label: words(spec.label).join(' '),
    name: words(field).join(' '),
    rest: words(`${spec.description ?? ''} ${SECTION_LABELS[spec.section]}`).join(' '),
  };
});

export function searchSettings(query: string, limit = 8): SettingMatch[] {
  const terms = words(query);
  if (terms.length === 0) return [];
  const scored = INDEX.map((entry) => {
    let score = 0;
    for (const term of terms) {
      if (entry.label.includes(term)) score += 3;
      else if (entry.name.includes(term)) score += 2;
      else if (entry.rest.includes(term)) score += 1;
      else return { entry, score: 0 };
    }
    if (entry.label === terms.join(' ') || entry.label.startsWith(terms.join(' '))) score += 5;
    return { entry, score };
  });
  return scored
    .filter((item) => item.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map((item) => item.entry.match);
}
