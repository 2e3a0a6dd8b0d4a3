import { PROJECT_FIELDS, type ProjectField } from '../../shared/schemas/project';
import type { ChangeEntry, NoCallsChange } from '../../shared/merge/review';
import { describeRule, metricLabel, type MetricLookup } from '../../shared/rubric/describe';
import { describeExclusions, describeWindows } from '../../shared/no-calls/summary';
import { isUnset } from '../../shared/no-calls/edit';
import type { SecretEdit } from '../../shared/form';

// Review and conflict entries in words. Names come from what the console already has cached (metrics,
// dashboards, agents); an id without a known name is shown as "#id".

export interface NameLookups {
  metrics: MetricLookup;
  dashboards: ReadonlyMap<number, string>;
  agents: ReadonlyMap<number, string>;
}

export const NO_NAMES: NameLookups = { metrics: null, dashboards: new Map(), agents: new Map() };

const byId = (names: ReadonlyMap<number, string>) => (id: unknown) =>
  (typeof id === 'number' && names.get(id)) || `#${String(id)}`;

export const ruleWords = (rule: unknown, names: NameLookups) => describeRule(rule, names.metrics);

function periodWords(period: unknown): string {
  const { start_time, end_time, time_frame } = (period ?? {}) as Record<string, unknown>;
  const frame = typeof time_frame === 'number' ? `, alert after ${time_frame} minutes without calls` : '';
  return `${String(start_time ?? '?')}–${String(end_time ?? '?')}${frame}`;
}

function noCallsLines(part: NoCallsChange, names: NameLookups): string[] {
  switch (part.part) {
    case 'schedule':
      return [part.change === 'created' ? 'Schedule created' : 'Schedule removed'];
    case 'time_zone':
      return [`Time zone: ${part.before || '(none)'} → ${part.after || '(none)'}`];
    case 'other':
      return [`Other setting "${part.key}" changed`];
    default: {
      const [noun, word] =
        part.part === 'time_periods'
          ? ['window', periodWords]
          : part.part === 'exception_numbers'
            ? ['exception number', String]
            : ['excluded agent', byId(names.agents)];
      return [
        ...part.added.map((item) => `Added ${noun}: ${word(item)}`),
        ...part.removed.map((item) => `Removed ${noun}: ${word(item)}`),
      ];
    }
  }
}

/** The lines under an entry's label in the review ("Acme → Acme EU", "Added: ...", "will be replaced"). */
export function changeLines(entry: ChangeEntry, names: NameLookups): string[] {
  switch (entry.kind) {
    case 'value':
      return [`${entry.before} → ${entry.after}`];
    case 'secret':
      return [`will be ${entry.action}`];
    case 'set': {
      const name =
        entry.field === 'daily_report_dashboard_ids' ? byId(names.dashboards) : (id: unknown) => `#${String(id)}`;
      return [...entry.added.map((id) => `Added: ${name(id)}`), ...entry.removed.map((id) => `Removed: ${name(id)}`)];
    }
    case 'rules': {
      const words = (rules: unknown[]) => rules.map((rule) => ruleWords(rule, names)).join('; ');
      return [
        ...entry.diff.added.map((rule) => `Added rule: ${ruleWords(rule, names)}`),
        ...entry.diff.removed.map((rule) => `Removed rule: ${ruleWords(rule, names)}`),
        ...entry.diff.changed.map((change) => `Changed rule: ${words(change.before)} → ${words(change.after)}`),
        ...(entry.otherKeysChanged ? ['Other rubric settings changed (evaluation logic or unlisted keys)'] : []),
      ];
    }
    case 'no-calls':
      return entry.parts.flatMap((part) => noCallsLines(part, names));
  }
}

/** "Rubric rules for Customer satisfaction" or a field's label: what a conflict is about. */
export function conflictLabel(
  conflict: { kind: 'field'; field: ProjectField } | { kind: 'rubric-metric'; metricKey: string },
  names: NameLookups,
): string {
  if (conflict.kind === 'field') return PROJECT_FIELDS[conflict.field].label;
  if (conflict.metricKey === '?') return 'Rubric rules without a metric';
  return `Rubric rules for ${metricLabel(Number(conflict.metricKey), names.metrics)}`;
}

/** One side of a field conflict, in words (form values: booleans, typed text, sets, schedules). */
export function fieldValueLines(field: ProjectField, value: unknown, names: NameLookups): string[] {
  switch (PROJECT_FIELDS[field].kind) {
    case 'boolean':
      return [value ? 'On' : 'Off'];
    case 'percent':
      return [value === '' ? '(empty)' : `${String(value)}%`];
    case 'secret':
      return [
        (value as SecretEdit).mode === 'clear'
          ? 'Cleared'
          : (value as SecretEdit).mode === 'replace'
            ? 'A new value'
            : 'Unchanged',
      ];
    case 'int-set': {
      const list = Array.isArray(value) ? value : [];
      const name = field === 'daily_report_dashboard_ids' ? byId(names.dashboards) : (id: unknown) => `#${String(id)}`;
      return list.length ? list.map(name) : ['(none)'];
    }
    case 'no-calls':
      return isUnset(value)
        ? ['(no schedule)']
        : [describeWindows(value), describeExclusions(value, byId(names.agents))];
    case 'rubric':
      return ['(the whole rubric)'];
    default:
      return [value === '' || value == null ? '(empty)' : String(value)];
  }
}

/** One side of a rubric-metric conflict: its rules in words. */
export function ruleListLines(rules: readonly unknown[], names: NameLookups): string[] {
  return rules.length ? rules.map((rule) => ruleWords(rule, names)) : ['(no rules)'];
}
