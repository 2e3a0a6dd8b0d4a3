// Server (and resolver) messages about rubric_config, sorted onto the rule they name. The emulator and
// DRF prefix JSON-field messages with the path inside the value ("rules[1].conditions.conditions[0].value: ...");
// form paths look like "rubric_config.rules.1".

export interface SortedMessages {
  byRule: Map<number, string[]>;
  general: string[];
}

const RULE_PREFIX = /^rules(?:\[(\d+)\]|\.(\d+))(?:[.[][^:]*)?:\s*(.*)$/s;

/** "rules[2].conditions...: msg" -> { index: 2, message: "msg" }; null when no rule path. */
export function ruleOfMessage(message: string): { index: number; message: string } | null {
  const match = RULE_PREFIX.exec(message.trim());
  if (!match) return null;
  return { index: Number(match[1] ?? match[2]), message: match[3] || message };
}

/** "rubric_config.rules.3" or "rubric_config.rules.3.conditions..." -> 3. */
export function ruleIndexOfPath(path: string): number | null {
  const match = /^rubric_config\.rules\.(\d+)(?:\.|$)/.exec(path);
  return match ? Number(match[1]) : null;
}

export function sortMessages(entries: readonly { path: string; message: string }[]): SortedMessages {
  const byRule = new Map<number, string[]>();
  const general: string[] = [];
  const add = (index: number, message: string) => {
    const list = byRule.get(index) ?? [];
    if (!list.includes(message)) list.push(message);
    byRule.set(index, list);
  };
  for (const { path, message } of entries) {
    const index = ruleIndexOfPath(path);
    if (index !== null) {
      add(index, ruleOfMessage(message)?.message ?? message);
      continue;
    }
    const prefixed = ruleOfMessage(message);
    if (prefixed) add(prefixed.index, prefixed.message);
    else if (!general.includes(message)) general.push(message);
  }
  return { byRule, general };
}
