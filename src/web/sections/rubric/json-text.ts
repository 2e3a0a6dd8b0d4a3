import { rubricConfigSchema } from '../../../shared/schemas/rubric';

export type JsonParse = { ok: true; config: unknown } | { ok: false; message: string };

// `{}` or a complete rubric; the message explains the complete rubric's shape (the branch people mean).
const [completeRubric] = rubricConfigSchema._zod.def.options;

/** The JSON view's text -> a rubric_config, or why not (JSON syntax, then the rubric's shape). */
export function parseRubricJson(text: string): JsonParse {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `Not valid JSON: ${(error as Error).message}` };
  }
  if (rubricConfigSchema.safeParse(value).success) return { ok: true, config: value };
  const issue = completeRubric.safeParse(value).error?.issues[0];
  const path = issue?.path.length ? `${issue.path.map(String).join('.')}: ` : '';
  return {
    ok: false,
    message: `Not a rubric: ${path}${issue?.message ?? 'invalid'}. A rubric is {} or {"evaluation_logic": "and", "rules": [...]}.`,
  };
}
