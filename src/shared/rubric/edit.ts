import { canonicalJson, ruleKey, rulesOf } from '../schemas/rubric';

// Edits of rubric_config that keep every untouched rule the very object received (decision 2: unchanged
// rules go back byte-identical). Each edit returns a new config; the old one is never mutated.

type Config = Record<string, unknown>;

/** The config with these rules. No rules left (and nothing else in it) = `{}`, the API's "no rubric". */
export function withRules(config: unknown, rules: unknown[]): Config {
  const base = config && typeof config === 'object' && !Array.isArray(config) ? (config as Config) : {};
  const others = Object.keys(base).filter((key) => key !== 'evaluation_logic' && key !== 'rules');
  if (rules.length === 0 && others.length === 0) return {};
  if ('rules' in base) return { ...base, rules };
  return { evaluation_logic: 'and', ...base, rules };
}

export function replaceRule(config: unknown, index: number, rule: unknown): Config {
  const rules = rulesOf(config).slice();
  rules[index] = rule;
  return withRules(config, rules);
}

export function insertRule(config: unknown, index: number, rule: unknown): Config {
  const rules = rulesOf(config).slice();
  rules.splice(index, 0, rule);
  return withRules(config, rules);
}

export function removeRule(config: unknown, index: number): Config {
  return withRules(
    config,
    rulesOf(config).filter((_, i) => i !== index),
  );
}

/** A copy of a rule placed right after it (a deep copy: two rules never share one object). */
export function duplicateRule(config: unknown, index: number): Config {
  return insertRule(config, index + 1, structuredClone(rulesOf(config)[index]));
}

/**
 * A config parsed from the JSON view, with each rule that equals (canonically) a current rule replaced
 * by that current object, one for one. Reformatting or reordering keys in the JSON text changes nothing.
 */
export function reuseRules(current: unknown, parsed: unknown): unknown {
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || !Array.isArray((parsed as Config).rules))
    return parsed;
  const pool = new Map<string, unknown[]>();
  for (const rule of rulesOf(current)) {
    const key = ruleKey(rule);
    pool.set(key, [...(pool.get(key) ?? []), rule]);
  }
  const rules = ((parsed as Config).rules as unknown[]).map((rule) => pool.get(ruleKey(rule))?.shift() ?? rule);
  const sameKeysAsCurrent =
    current &&
    typeof current === 'object' &&
    canonicalJson({ ...(current as Config), rules: [] }) === canonicalJson({ ...(parsed as Config), rules: [] });
  // Keep the current key order of the top level too when only rules differ.
  return sameKeysAsCurrent ? { ...(current as Config), rules } : { ...(parsed as Config), rules };
}
