import type { Dashboard } from '../../../shared/schemas/dashboard';

export interface DashboardChoices {
  /** Ids offered in the picker: every listed dashboard plus any selected id that is not listed. */
  options: number[];
  labelOf: (id: number) => string;
  /** Selected ids the list does not have (empty while the list is unknown). */
  missing: number[];
}

/**
 * Turns the project's dashboards and the selected ids into picker choices. A selected id that the
 * loaded list lacks shows as "#id (not found)" and stays selected until the user removes it; while
 * the list is not loaded (undefined), ids show as "#id" and nothing is called missing.
 */
export function dashboardChoices(
  dashboards: readonly Dashboard[] | undefined,
  selected: readonly number[],
): DashboardChoices {
  const names = new Map<number, string>();
  for (const dashboard of dashboards ?? []) names.set(dashboard.id, dashboard.name?.trim() || `Untitled dashboard`);
  const nameCounts = new Map<string, number>();
  for (const name of names.values()) nameCounts.set(name, (nameCounts.get(name) ?? 0) + 1);

  const missing = dashboards ? selected.filter((id) => !names.has(id)) : [];
  const unlisted = selected.filter((id) => !names.has(id));
  const options = [...names.keys(), ...unlisted.filter((id, index) => unlisted.indexOf(id) === index)];

  const labelOf = (id: number) => {
    const name = names.get(id);
    if (name === undefined) return dashboards ? `#${id} (not found)` : `#${id}`;
    // Two dashboards with one name: the id tells them apart.
    return (nameCounts.get(name) ?? 0) > 1 ? `${name} (#${id})` : name;
  };
  return { options, labelOf, missing };
}
