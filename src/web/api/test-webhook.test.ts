import { describe, expect, it } from 'vitest';
import { readTestWebhookOutcome } from './test-webhook';

describe('readTestWebhookOutcome', () => {
  it('reads the target status and message from the usual keys, ignoring non-integers', () => {
    expect(
      readTestWebhookOutcome({ status: 'success', message: 'Test webhook sent', response_status_code: 204 }),
    ).toEqual({
      targetStatus: 204,
      message: 'Test webhook sent',
    });
    expect(readTestWebhookOutcome({ status_code: 202 })).toEqual({ targetStatus: 202, message: undefined });
    expect(readTestWebhookOutcome({ status: 'ok', detail: 'Sent' })).toEqual({
      targetStatus: undefined,
      message: 'Sent',
    });
    expect(readTestWebhookOutcome(null)).toEqual({});
    // The vendor's documented answer is the Project: no target status in it.
    expect(readTestWebhookOutcome({ id: 7, name: 'P', webhook_url: 'https://x.example/h', status: 1 })).toEqual({
      targetStatus: undefined,
      message: undefined,
    });
    expect(readTestWebhookOutcome('queued')).toEqual({ message: 'queued' });
  });
});
