import {
  isSecretStored,
  PROJECT_FIELDS,
  SECTION_IDS,
  type Project,
  type ProjectField,
  type SectionId,
} from '../schemas/project';
import { canonicalJson } from '../schemas/rubric';
import { toFormValues, type ProjectFormValues, type SecretEdit } from '../form';
import { dirtyFields } from '../patch';
import { diffRules, subtract, type RuleDiff } from './rule-multiset';

// What a save would change, grouped by section, in terms a reviewer reads: before -> after for values,
// items added/removed for sets, rules added/removed/changed for the rubric, and secrets only by intent.

export type ChangeEntry =
  | { field: ProjectField; label: string; kind: 'value'; before: string; after: string }
  | { field: ProjectField; label: string; kind: 'secret'; action: SecretAction }
  | { field: ProjectField; label: string; kind: 'set'; added: unknown[]; removed: unknown[] }
  | { field: ProjectField; label: string; kind: 'rules'; diff: RuleDiff; otherKeysChanged: boolean }
  | { field: ProjectField; label: string; kind: 'no-calls'; parts: NoCallsChange[] };

/** A secret is set (none was stored), replaced (one was) or cleared. */
export type SecretAction = 'set' | 'replaced' | 'cleared';

export type NoCallsChange =
  | { part: 'time_zone'; before: string; after: string }
  | { part: 'time_periods' | 'exception_numbers' | 'agents'; added: unknown[]; removed: unknown[] }
  | { part: 'schedule'; change: 'created' | 'removed' }
  | { part: 'other'; key: string };

export interface SectionChanges {
  section: SectionId;
  entries: ChangeEntry[];
}

export function describeChanges(base: Project, values: ProjectFormValues): SectionChanges[] {
  const baseValues = toFormValues(base);
  const entries = dirtyFields(base, values).map((field) =>
    describeField(field, baseValues[field], values[field], base),
  );
  return SECTION_IDS.map((section) => ({
    section,
    entries: entries.filter((entry) => PROJECT_FIELDS[entry.field].section === section),
  })).filter((group) => group.entries.length > 0);
}

function describeField(field: ProjectField, before: unknown, after: unknown, base: Project): ChangeEntry {
  const { kind, label } = PROJECT_FIELDS[field];
  switch (kind) {
    case 'secret':
      return { field, label, kind: 'secret', action: secretAction(after as SecretEdit, isSecretStored(base, field)) };
    case 'int-set':
      return { field, label, kind: 'set', ...setDelta(before as unknown[], after as unknown[]) };
    case 'rubric': {
      const { rules: _a, ...beforeOthers } = (before ?? {}) as Record<string, unknown>;
      const { rules: _b, ...afterOthers } = (after ?? {}) as Record<string, unknown>;
      return {
        field,
        label,
        kind: 'rules',
        diff: diffRules(before, after),
        otherKeysChanged: canonicalJson(beforeOthers) !== canonicalJson(afterOthers),
      };
    }
    case 'no-calls':
      return { field, label, kind: 'no-calls', parts: describeNoCalls(before, after) };
    default:
      return { field, label, kind: 'value', before: showValue(field, before), after: showValue(field, after) };
  }
}

function secretAction(edit: SecretEdit, stored: boolean): SecretAction {
  if (edit.mode === 'clear') return 'cleared';
  return stored ? 'replaced' : 'set';
}

function showValue(field: ProjectField, value: unknown): string {
  const kind = PROJECT_FIELDS[field].kind;
  if (kind === 'boolean') return value ? 'On' : 'Off';
  if (value === '' || value == null) return kind === 'url' ? '(none)' : '(empty)';
  return kind === 'percent' ? `${value}%` : String(value);
}

/** Items added and removed between two lists compared as multisets by identity. */
export function setDelta(
  before: readonly unknown[] = [],
  after: readonly unknown[] = [],
): { added: unknown[]; removed: unknown[] } {
  return { added: subtract(after, before), removed: subtract(before, after) };
}

function describeNoCalls(before: unknown, after: unknown): NoCallsChange[] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  if (!before && after) return [{ part: 'schedule', change: 'created' }];
  if (before && !after) return [{ part: 'schedule', change: 'removed' }];
  const parts: NoCallsChange[] = [];
  if (b.time_zone !== a.time_zone)
    parts.push({ part: 'time_zone', before: String(b.time_zone ?? ''), after: String(a.time_zone ?? '') });
  for (const part of ['time_periods', 'exception_numbers', 'agents'] as const) {
    const delta = setDelta(asList(b[part]), asList(a[part]));
    if (delta.added.length || delta.removed.length) parts.push({ part, ...delta });
  }
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (['time_zone', 'time_periods', 'exception_numbers', 'agents'].includes(key)) continue;
    if (canonicalJson(b[key]) !== canonicalJson(a[key])) parts.push({ part: 'other', key });
  }
  return parts;
}

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
