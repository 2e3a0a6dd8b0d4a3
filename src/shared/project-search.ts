// The project picker's search: filters as you type by name (any word order, case and accents ignored) or
// by id. Pure, so the bench can time it at 500 projects (`npm run bench`).

export interface SearchableProject {
  id: number;
  name: string;
}

const fold = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLocaleLowerCase('en');

/** Each project's searchable text, computed once per list. */
export function projectSearchIndex<T extends SearchableProject>(
  projects: readonly T[],
): { project: T; text: string }[] {
  return projects.map((project) => ({ project, text: `${fold(project.name)} #${project.id}` }));
}

/** The projects whose name holds every word of the query (or whose id starts with a number in it), in list order. */
export function filterProjects<T extends SearchableProject>(
  index: readonly { project: T; text: string }[],
  query: string,
): T[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return index.map((entry) => entry.project);
  const terms = words.map((word) => (/^#?\d+$/.test(word) ? `#${word.replace(/^#/, '')}` : word));
  return index.filter((entry) => terms.every((term) => entry.text.includes(term))).map((entry) => entry.project);
}
