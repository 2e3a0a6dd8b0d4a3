// Validation of the two JSON fields, the way the upstream reports it: a flat list of messages, each
// starting with the path inside the value (decision 19 in docs/decisions.md).
// Self-contained on purpose: the emulator plays the upstream, so it does not reuse the console's rules.

/** What each kind of metric accepts in a rubric condition. */
const OPS_BY_KIND = {
  binary: { field: 'score', ops: ['eq', 'neq'] },
  score: { field: 'score', ops: ['gt', 'gte', 'lt', 'lte', 'eq'] },
  enum: { field: 'enum', ops: ['eq', 'neq', 'in'] },
} as const;

function outcomeKindOf(evalType: string): keyof typeof OPS_BY_KIND | null {
  if (evalType === 'binary' || evalType === 'binary_qualitative' || evalType === 'binary_workflow_adherence')
    return 'binary';
  if (evalType === 'numeric' || evalType === 'continuous_qualitative') return 'score';
  return evalType === 'enum' ? 'enum' : null;
}

export type RubricMetric = { id: number; name: string; eval_type: string; enum_values: string[] };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const repr = (v: unknown): string => (typeof v === 'string' ? `'${v}'` : (JSON.stringify(v) ?? String(v)));

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const E164 = /^\+[1-9]\d{6,14}$/;

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Messages for `no_calls_notify_time_period` ([] = valid). Unknown keys are kept, as a JSONField would. */
export function noCallsErrors(value: unknown): string[] {
  if (!isObject(value)) return ['Expected a JSON object.'];
  const errors: string[] = [];
  if ('time_zone' in value && (typeof value.time_zone !== 'string' || !isTimeZone(value.time_zone))) {
    errors.push(`time_zone: ${repr(value.time_zone)} is not a valid time zone`);
  }
  if ('time_periods' in value) errors.push(...listErrors('time_periods', value.time_periods, periodErrors));
  if ('exception_numbers' in value) {
    errors.push(
      ...listErrors('exception_numbers', value.exception_numbers, (n, path) =>
        typeof n === 'string' && E164.test(n) ? [] : [`${path}: not an E.164 number`],
      ),
    );
  }
  if ('agents' in value) {
    errors.push(
      ...listErrors('agents', value.agents, (a, path) => (isInt(a) ? [] : [`${path}: must be an integer agent id`])),
    );
  }
  return errors;
}

function listErrors(path: string, value: unknown, item: (v: unknown, path: string) => string[]): string[] {
  if (!Array.isArray(value)) return [`${path}: must be a list`];
  return value.flatMap((v, i) => item(v, `${path}[${i}]`));
}

function periodErrors(p: unknown, path: string): string[] {
  if (!isObject(p)) return [`${path}: must be an object`];
  const errors: string[] = [];
  for (const key of ['start_time', 'end_time'] as const) {
    if (!(key in p)) errors.push(`${path}.${key}: this field is required`);
    else if (typeof p[key] !== 'string' || !HHMM.test(p[key]))
      errors.push(`${path}.${key}: ${repr(p[key])} is not a time in HH:MM format`);
  }
  if (!('time_frame' in p)) errors.push(`${path}.time_frame: this field is required`);
  else if (!isInt(p.time_frame)) errors.push(`${path}.time_frame: must be an integer`);
  return errors;
}

/**
 * Messages for `rubric_config` ([] = valid). `{}` clears the rubric. `metrics` are the metrics that belong
 * to the project (project-scoped or attached to one of its agents).
 */
export function rubricErrors(value: unknown, metrics: ReadonlyMap<number, RubricMetric>): string[] {
  if (!isObject(value)) return ['Expected a JSON object.'];
  if (Object.keys(value).length === 0) return [];
  const errors: string[] = [];
  if (!('evaluation_logic' in value)) errors.push('evaluation_logic: this field is required');
  else if (value.evaluation_logic !== 'and')
    errors.push(`evaluation_logic: must be "and" (got ${repr(value.evaluation_logic)})`);
  if (!('rules' in value)) errors.push('rules: this field is required');
  else errors.push(...listErrors('rules', value.rules, (rule, path) => ruleErrors(rule, path, metrics)));
  return errors;
}

function ruleErrors(rule: unknown, path: string, metrics: ReadonlyMap<number, RubricMetric>): string[] {
  if (!isObject(rule)) return [`${path}: must be an object`];
  const errors: string[] = [];
  let metric: RubricMetric | undefined;
  if (!isInt(rule.metric_id)) errors.push(`${path}.metric_id: must be an integer`);
  else if (!(metric = metrics.get(rule.metric_id)))
    errors.push(`${path}.metric_id: metric ${rule.metric_id} does not belong to this project`);
  const group = rule.conditions;
  if (!isObject(group)) return [...errors, `${path}.conditions: must be an object`];
  if (group.operator !== 'and') errors.push(`${path}.conditions.operator: must be "and"`);
  const list = group.conditions;
  if (!Array.isArray(list) || list.length === 0)
    return [...errors, `${path}.conditions.conditions: must be a non-empty list`];
  // Several valid conditions in one rule are accepted (the documentation only recommends one).
  list.forEach((c, i) => errors.push(...conditionErrors(c, `${path}.conditions.conditions[${i}]`, metric)));
  return errors;
}

function conditionErrors(c: unknown, path: string, metric: RubricMetric | undefined): string[] {
  if (!isObject(c)) return [`${path}: must be an object`];
  if (!metric) return []; // the metric_id error already says why; field/op/value depend on its type
  const kind = outcomeKindOf(metric.eval_type);
  if (!kind) return [`${path}: metric ${metric.id} has eval_type ${repr(metric.eval_type)}, which a rubric cannot use`];
  const spec = OPS_BY_KIND[kind];
  const label = kind === 'score' ? `${metric.eval_type} metric` : `${kind} metric`;
  const errors: string[] = [];
  if (c.field !== spec.field)
    errors.push(`${path}.field: must be "${spec.field}" for a ${label} (got ${repr(c.field)})`);
  if (typeof c.op !== 'string' || !(spec.ops as readonly string[]).includes(c.op)) {
    errors.push(`${path}.op: ${repr(c.op)} is not supported for a ${label} (use ${spec.ops.join(', ')})`);
    return errors;
  }
  if (!('value' in c)) return [...errors, `${path}.value: this field is required`];
  return [...errors, ...valueErrors(c.value, c.op, `${path}.value`, kind, metric)];
}

function valueErrors(
  value: unknown,
  op: string,
  path: string,
  kind: 'binary' | 'score' | 'enum',
  metric: RubricMetric,
): string[] {
  switch (kind) {
    case 'binary':
      return value === true || value === false || value === 5 || value === 0
        ? []
        : [`${path}: ${repr(value)} is not one of true, false, 5, 0`];
    case 'score':
      return typeof value === 'number' && Number.isFinite(value) ? [] : [`${path}: ${repr(value)} is not a number`];
    case 'enum': {
      const known = (v: unknown, p: string) =>
        typeof v === 'string' && metric.enum_values.includes(v)
          ? []
          : [`${p}: ${repr(v)} is not one of the metric's enum_values`];
      if (op !== 'in')
        return typeof value === 'string' ? known(value, path) : [`${path}: must be a string for op ${repr(op)}`];
      if (!Array.isArray(value) || value.length === 0)
        return [`${path}: must be a non-empty list of strings for op 'in'`];
      return value.flatMap((v, i) => known(v, `${path}[${i}]`));
    }
  }
}
