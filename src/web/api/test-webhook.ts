import { useMutation } from '@tanstack/react-query';
import { apiRequest, upstreamPath } from './client';

/** What the console shows after a test event: the target's HTTP status when the answer names one. */
export interface TestWebhookOutcome {
  targetStatus?: number;
  message?: string;
}

const STATUS_KEYS = ['response_status_code', 'status_code', 'response_status', 'status'] as const;

/**
 * The vendor describes test-webhook as sending mock data to the webhook URL and types its 200 answer as a
 * Project: no key carries the target's answer. So any 2xx means Cekura accepted and sent the event; a
 * target status is shown only when the answer carries a whole number from 100 to 599 under one of the usual
 * keys (the emulator sends `response_status_code`), and a message under `detail` or `message`.
 */
export function readTestWebhookOutcome(body: unknown): TestWebhookOutcome {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return typeof body === 'string' && body ? { message: body } : {};
  const record = body as Record<string, unknown>;
  const status = STATUS_KEYS.map((key) => record[key]).find(
    (value) => typeof value === 'number' && Number.isInteger(value) && value >= 100 && value <= 599,
  );
  const message = [record.detail, record.message].find((value) => typeof value === 'string' && value !== '');
  return { targetStatus: status as number | undefined, message: message as string | undefined };
}

/** POST /user/v1/projects/:id/test-webhook/: Cekura sends mock event data to the saved webhook_url. */
export async function sendTestWebhook(projectId: number): Promise<TestWebhookOutcome> {
  const { data } = await apiRequest(upstreamPath(`/user/v1/projects/${projectId}/test-webhook/`), { method: 'POST' });
  return readTestWebhookOutcome(data);
}

export const useTestWebhook = (projectId: number) => useMutation({ mutationFn: () => sendTestWebhook(projectId) });
