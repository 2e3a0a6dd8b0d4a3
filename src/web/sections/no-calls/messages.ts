import type { FieldErrors } from 'react-hook-form';
import { issuesAt, type NoCallsIssue } from '../../../shared/no-calls/checks';

// What to show at one place of the schedule editor: the section's own checks (errors block a save of
// an edited schedule; on an unedited stored schedule they are warnings, decision 8) and any message
// the server returned for that path on the last save.

export const FIELD = 'no_calls_notify_time_period';

export interface FieldMessage {
  text: string;
  tone: 'error' | 'warning';
}

export function messagesAt(issues: NoCallsIssue[], path: string, edited: boolean): FieldMessage[] {
  return issuesAt(issues, path).map((issue) =>
    issue.severity === 'error' && edited
      ? { text: issue.message, tone: 'error' }
      : { text: issue.severity === 'error' ? `Stored value: ${issue.message}` : issue.message, tone: 'warning' },
  );
}

/** A message the server put at `path` inside the schedule (setError type "server"). */
export function serverMessageAt(errors: FieldErrors | undefined, path: string): string | undefined {
  let node: unknown = errors?.[FIELD];
  for (const key of path ? path.split('.') : []) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  const error = node as { type?: string; message?: string } | undefined;
  return error?.type === 'server' && error.message ? error.message : undefined;
}

/**
 * The message at the schedule itself: the server's, or the form check's (the strict schema in
 * validateField) when the section's own checks found no error to show at a field (e.g. a key the API
 * does not take inside a window), so a blocked save always says why.
 */
export function rootMessage(errors: FieldErrors | undefined, ownErrors: boolean): string | undefined {
  const error = errors?.[FIELD] as { type?: string; message?: string } | undefined;
  if (!error?.message) return undefined;
  return error.type === 'server' || !ownErrors ? error.message : undefined;
}

/** Own messages plus the server's, errors first; the helper text of a field. */
export function combine(own: FieldMessage[], server: string | undefined): FieldMessage[] {
  const all = server ? [{ text: server, tone: 'error' as const }, ...own] : own;
  return [...all.filter((m) => m.tone === 'error'), ...all.filter((m) => m.tone === 'warning')];
}

export const hasError = (messages: FieldMessage[]) => messages.some((m) => m.tone === 'error');
export const helperOf = (messages: FieldMessage[]) =>
  messages.length ? messages.map((m) => (m.tone === 'warning' ? `Warning: ${m.text}` : m.text)).join(' ') : undefined;
