// DRF error bodies: `{"detail": "..."}` or `{"<field>": ["message", ...]}` (JSON fields: messages
// prefixed with the path inside the value, e.g. "rules[1].conditions.conditions[0].value: ...").

export interface ParsedApiError {
  detail?: string;
  fieldErrors: Record<string, string[]>;
}

/** Reads any error body the API or the admin server sends into one shape. */
export function parseErrorBody(body: unknown): ParsedApiError {
  const fieldErrors: Record<string, string[]> = {};
  let detail: string | undefined;
  if (typeof body === 'string') return { detail: body || undefined, fieldErrors };
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { fieldErrors };
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (key === 'detail' && typeof value === 'string') detail = value;
    else if (key === 'non_field_errors') detail = [detail, ...toMessages(value)].filter(Boolean).join(' ');
    else if (key !== 'project') {
      const messages = toMessages(value);
      if (messages.length) fieldErrors[key] = messages;
    }
  }
  return { detail, fieldErrors };
}

function toMessages(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(toMessages);
  if (value && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => toMessages(v).map((m) => `${k}: ${m}`));
  }
  return [];
}

/** Splits "rules[1].conditions.conditions[0].value: message" into its path and message. */
export function splitPathMessage(message: string): { path?: string; message: string } {
  const match = /^([A-Za-z_][\w]*(?:\[\d+\]|\.[A-Za-z_]\w*)*): (.*)$/s.exec(message);
  return match ? { path: match[1], message: match[2] } : { message };
}
