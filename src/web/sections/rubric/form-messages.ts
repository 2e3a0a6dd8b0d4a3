import type { RubricCheck } from '../../../shared/rubric/check';
import { ruleOfMessage } from '../../../shared/rubric/server-errors';

// Which form errors the builder still has to show, beyond its own checks. The form holds three kinds at
// rubric_config: the resolver's (this section's validator, at rubric_config.rules.N, which the rows already
// show from the same checks; the shape check, at rubric_config, whose rule-level messages the checks
// cover), and the server's (type "server": at rubric_config and, for messages with a rule path, also at
// rubric_config.rules.N, as the shell places them).

type ErrorNode = { type?: unknown; message?: unknown; rules?: unknown } | undefined;

export interface RubricFormMessages {
  /** Server messages per rule index. */
  byRule: Map<number, string[]>;
  /** Messages for the section banner (no rule path). */
  general: string[];
}

/**
 * `builderErrors`: the builder's own checks find a blocking problem (including in rules not yet touched). The
 * shape check then says only "Invalid input" at rubric_config (a union of `{}` and a full rubric fails as a
 * whole); the rules say it in words, so that message is not repeated in the banner.
 */
export function rubricFormMessages(errors: unknown, check: RubricCheck, builderErrors = false): RubricFormMessages {
  const node = errors as ErrorNode;
  const byRule = new Map<number, string[]>();
  const general: string[] = [];
  if (!node || typeof node !== 'object') return { byRule, general };
  const rules =
    node.rules && typeof node.rules === 'object' ? Object.entries(node.rules as Record<string, ErrorNode>) : [];
  for (const [key, error] of rules) {
    if (error?.type === 'server' && typeof error.message === 'string' && /^\d+$/.test(key))
      byRule.set(Number(key), [error.message]);
  }
  if (typeof node.message === 'string') {
    let rest = node.message;
    for (const issue of check.general) rest = rest.replace(issue.message, '');
    rest = rest.trim();
    const onRule = ruleOfMessage(rest);
    if (onRule && node.type === 'server' && !byRule.has(onRule.index)) byRule.set(onRule.index, [onRule.message]);
    else if (rest && !onRule && !general.includes(rest) && (node.type === 'server' || !builderErrors))
      general.push(rest);
  }
  return { byRule, general };
}
