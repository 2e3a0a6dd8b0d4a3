import type { ProjectField } from './schemas/project';
import { rulesOf } from './schemas/rubric';
import { BINARY_EVAL_TYPES } from './call-log';
import { subtract } from './merge/rule-multiset';

// Settings moved between projects name project-specific ids: rubric rules name metrics, the daily report
// names dashboards, the no-calls schedule names excluded agents. An id of another project means nothing
// here, so every such id is translated by name (metrics by name and type) into an item of the target, or
// dropped with the user's consent, never carried silently (decision 32).

export type RefKind = 'metric' | 'dashboard' | 'agent';
export const REF_KINDS: readonly RefKind[] = ['metric', 'dashboard', 'agent'];
export const REF_KIND_LABELS: Record<RefKind, string> = { metric: 'Metric', dashboard: 'Dashboard', agent: 'Agent' };
/** Where each kind of id is used. */
export const REF_FIELDS: Record<RefKind, ProjectField> = {
  metric: 'rubric_config',
  dashboard: 'daily_report_dashboard_ids',
  agent: 'no_calls_notify_time_period',
};

/** One item of a project, by id, with its name (and, for metrics, its eval type). */
export interface RefItem {
  id: number;
  name: string;
  /** Metrics only: the eval type, with the legacy binary names read as `binary`. */
  type?: string;
}

/** Items of a project per kind (the referenced ones in an export file; all of them for a target). */
export type RefCatalog = Record<RefKind, RefItem[]>;

export const emptyCatalog = (): RefCatalog => ({ metric: [], dashboard: [], agent: [] });

export type Settings = Partial<Record<ProjectField, unknown>>;

/** The metric's eval type as one word per kind: the legacy binary types are `binary`. */
export function normalEvalType(type: string | undefined | null): string | undefined {
  if (!type) return undefined;
  return BINARY_EVAL_TYPES.includes(type) ? 'binary' : type;
}

const isId = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

/** The ids each kind of setting names, each once, in order of appearance. */
export function referencedIds(settings: Settings): Record<RefKind, number[]> {
  const ids: Record<RefKind, number[]> = { metric: [], dashboard: [], agent: [] };
  const add = (kind: RefKind, value: unknown) => {
    if (isId(value) && !ids[kind].includes(value)) ids[kind].push(value);
  };
  if ('rubric_config' in settings)
    for (const rule of rulesOf(settings.rubric_config)) add('metric', (rule as { metric_id?: unknown })?.metric_id);
  if (Array.isArray(settings.daily_report_dashboard_ids))
    for (const id of settings.daily_report_dashboard_ids) add('dashboard', id);
  const noCalls = settings.no_calls_notify_time_period as { agents?: unknown } | null | undefined;
  if (noCalls && Array.isArray(noCalls.agents)) for (const id of noCalls.agents) add('agent', id);
  return ids;
}

/** The named items of `catalog` that `settings` refers to (what an export file carries beside the ids). */
export function refsOf(settings: Settings, catalog: RefCatalog): RefCatalog {
  const ids = referencedIds(settings);
  const refs = emptyCatalog();
  for (const kind of REF_KINDS)
    for (const id of ids[kind]) {
      const item = catalog[kind].find((candidate) => candidate.id === id);
      if (item) refs[kind].push(item);
    }
  return refs;
}

export type Match =
  | { status: 'matched'; targetId: number; by: 'name' | 'id' }
  | { status: 'ambiguous'; candidates: number[] }
  | { status: 'unmatched' };

export interface MappingRow {
  kind: RefKind;
  /** The id as the settings name it (the other project's id). */
  id: number;
  /** Its name (and type) in the other project; undefined when not known (a file exported before names). */
  name?: string;
  type?: string;
  match: Match;
}

const sameName = (a: string, b: string) => a.trim().toLocaleLowerCase('en') === b.trim().toLocaleLowerCase('en');

/**
 * Each foreign id the settings name, matched in the target: by name (metrics by name and type) when its
 * name is known, else by id only where that id exists in the target. Several same-named candidates are
 * `ambiguous` (the user chooses); none is `unmatched`.
 */
export function matchRefs(settings: Settings, source: RefCatalog | null, target: RefCatalog): MappingRow[] {
  const ids = referencedIds(settings);
  const rows: MappingRow[] = [];
  for (const kind of REF_KINDS) {
    for (const id of ids[kind]) {
      const known = source?.[kind].find((item) => item.id === id && item.name.trim() !== '');
      if (!known) {
        const here = target[kind].some((item) => item.id === id);
        rows.push({ kind, id, match: here ? { status: 'matched', targetId: id, by: 'id' } : { status: 'unmatched' } });
        continue;
      }
      const type = kind === 'metric' ? normalEvalType(known.type) : undefined;
      const candidates = target[kind].filter(
        (item) => sameName(item.name, known.name) && (kind !== 'metric' || normalEvalType(item.type) === type),
      );
      const match: Match =
        candidates.length === 1
          ? { status: 'matched', targetId: candidates[0].id, by: 'name' }
          : candidates.length > 1
            ? { status: 'ambiguous', candidates: candidates.map((item) => item.id) }
            : { status: 'unmatched' };
      rows.push({ kind, id, name: known.name, ...(type ? { type } : {}), match });
    }
  }
  return rows;
}

/** What becomes of one foreign id: a target id, or dropped (with its rules / its place in the list). */
export type Decision = number | 'drop';
export type Decisions = Record<string, Decision | undefined>;
export const rowKey = (row: Pick<MappingRow, 'kind' | 'id'>) => `${row.kind}:${row.id}`;

/** The decisions nobody has to make: each matched id goes to its match. */
export function initialDecisions(rows: readonly MappingRow[]): Decisions {
  const decisions: Decisions = {};
  for (const row of rows) decisions[rowKey(row)] = row.match.status === 'matched' ? row.match.targetId : undefined;
  return decisions;
}

/** Rows the user still has to decide (unmatched or ambiguous, with no choice made). */
export function undecided(rows: readonly MappingRow[], decisions: Decisions): MappingRow[] {
  return rows.filter((row) => decisions[rowKey(row)] === undefined);
}

/** Whether the settings are unchanged by the mapping (every id goes to itself). */
export function isIdentity(rows: readonly MappingRow[], decisions: Decisions): boolean {
  return rows.every((row) => decisions[rowKey(row)] === row.id);
}

function mapList(ids: unknown[], kind: RefKind, decisions: Decisions): unknown[] {
  const out: unknown[] = [];
  for (const value of ids) {
    if (!isId(value)) {
      out.push(value);
      continue;
    }
    const decision = decisions[`${kind}:${value}`];
    if (decision === 'drop') continue;
    const id = decision ?? value;
    if (!out.includes(id)) out.push(id);
  }
  return out;
}

/**
 * The settings with every foreign id replaced by its decision. A dropped metric drops its rules, a dropped
 * dashboard or agent leaves its list. Untouched values stay the same objects (decision 2), a rule keeps
 * its key order. Throws when an id has no decision: the caller must ask first.
 */
export function translateSettings(settings: Settings, rows: readonly MappingRow[], decisions: Decisions): Settings {
  const missing = undecided(rows, decisions);
  if (missing.length) throw new Error(`No decision for ${missing.map(rowKey).join(', ')}`);
  const out: Settings = { ...settings };
  if ('rubric_config' in settings) {
    const config = settings.rubric_config;
    const rules = rulesOf(config);
    let changed = false;
    const next: unknown[] = [];
    for (const rule of rules) {
      const id = (rule as { metric_id?: unknown } | null)?.metric_id;
      const decision = isId(id) ? decisions[`metric:${id}`] : undefined;
      if (decision === undefined || decision === id) next.push(rule);
      else if (decision === 'drop') changed = true;
      else {
        next.push({ ...(rule as object), metric_id: decision });
        changed = true;
      }
    }
    if (changed) out.rubric_config = { ...(config as object), rules: next };
  }
  if (Array.isArray(settings.daily_report_dashboard_ids)) {
    const next = mapList(settings.daily_report_dashboard_ids, 'dashboard', decisions);
    if (JSON.stringify(next) !== JSON.stringify(settings.daily_report_dashboard_ids))
      out.daily_report_dashboard_ids = next;
  }
  const noCalls = settings.no_calls_notify_time_period as { agents?: unknown } | null | undefined;
  if (noCalls && Array.isArray(noCalls.agents)) {
    const next = mapList(noCalls.agents, 'agent', decisions);
    if (JSON.stringify(next) !== JSON.stringify(noCalls.agents))
      out.no_calls_notify_time_period = { ...noCalls, agents: next };
  }
  return out;
}

/** One line per foreign id for the review: "Metric "Latency (ms)" #48311 -> #48224" / "-> dropped". */
export interface MappingLine {
  kind: RefKind;
  from: { id: number; name?: string };
  to: { id: number; name?: string } | 'dropped';
}

export function mappingLines(rows: readonly MappingRow[], decisions: Decisions, target: RefCatalog): MappingLine[] {
  return rows.map((row) => {
    const decision = decisions[rowKey(row)];
    const to =
      decision === 'drop' || decision === undefined
        ? ('dropped' as const)
        : { id: decision, name: target[row.kind].find((item) => item.id === decision)?.name };
    return { kind: row.kind, from: { id: row.id, name: row.name }, to };
  });
}

export function describeMappingLine(line: MappingLine): string {
  const from = `${REF_KIND_LABELS[line.kind]} ${line.from.name ? `"${line.from.name}" ` : ''}#${line.from.id}`;
  if (line.to === 'dropped') return `${from} -> dropped (no match in this project)`;
  return `${from} -> ${line.to.name ? `"${line.to.name}" ` : ''}#${line.to.id}`;
}

// --- Rubric: add or replace ---------------------------------------------------------------------------

export type RubricMode = 'add' | 'replace';

/**
 * The rubric to put into the target: `replace` takes the incoming rubric as it is; `add` keeps every rule of
 * the target and adds the incoming rules it lacks (per metric, as the three-way merge keeps a rule added by
 * either side; an identical rule is not added twice).
 */
export function combineRubric(target: unknown, incoming: unknown, mode: RubricMode): unknown {
  if (mode === 'replace') return incoming;
  const mine = rulesOf(target);
  const added = subtract(rulesOf(incoming), mine);
  if (added.length === 0) return target;
  const logic = (target as { evaluation_logic?: unknown } | null)?.evaluation_logic ?? 'and';
  return { ...((target as object | null) ?? {}), evaluation_logic: logic, rules: [...mine, ...added] };
}

/** The target's rules that the result no longer has (what a replace would lose). */
export function rulesLost(target: unknown, result: unknown): unknown[] {
  return subtract(rulesOf(target), rulesOf(result));
}
