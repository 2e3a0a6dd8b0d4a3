// POST /user/v1/projects/{id}/test-webhook/: sends a mock event to the project's webhook_url.
// Sandbox rule: only loopback targets get real traffic; any other host gets a simulated delivery, recorded as such.

export type Delivery = {
  seq: number;
  time: string;
  projectId: number;
  url: string;
  simulated: boolean;
  /** whether X-CEKURA-SECRET was (or, simulated, would have been) sent; the value is never recorded */
  secretSent: boolean;
  payload: object;
  responseStatus: number | null;
  error: string | null;
  note: string | null;
};

export type WebhookOutcome = { status: number; body: object };

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
const TIMEOUT_MS = 5_000;

export class WebhookSender {
  readonly deliveries: Delivery[] = [];
  private seq = 0;

  async send(project: { id: number; name: string }, url: string, secret: string | undefined): Promise<WebhookOutcome> {
    if (!url) return { status: 400, body: { detail: 'No webhook URL configured for this project.' } };
    const payload = mockEvent(project);
    const delivery = this.record(project.id, url, payload, secret !== undefined);
    let host: string;
    try {
      host = new URL(url).hostname;
    } catch {
      delivery.error = 'invalid URL';
      return { status: 400, body: { detail: 'Webhook URL is not valid.' } };
    }
    if (!LOOPBACK_HOSTS.has(host)) {
      delivery.simulated = true;
      delivery.responseStatus = 200;
      delivery.note = `simulated: ${host} is not a loopback host, so no request left the emulator (sandbox rule)`;
      return { status: 200, body: success(200) };
    }
    return this.deliver(delivery, url, secret);
  }

  clear(): void {
    this.deliveries.length = 0;
  }

  private record(projectId: number, url: string, payload: object, secretSent: boolean): Delivery {
    const delivery: Delivery = {
      seq: ++this.seq,
      time: new Date().toISOString(),
      projectId,
      url,
      simulated: false,
      secretSent,
      payload,
      responseStatus: null,
      error: null,
      note: null,
    };
    this.deliveries.push(delivery);
    return delivery;
  }

  private async deliver(delivery: Delivery, url: string, secret: string | undefined): Promise<WebhookOutcome> {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'Cekura-Webhook/1.0' };
    if (secret !== undefined) headers['X-CEKURA-SECRET'] = secret;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers,
        body: JSON.stringify(delivery.payload),
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      await res.arrayBuffer().catch(() => undefined);
      delivery.responseStatus = res.status;
      if (res.status >= 200 && res.status < 300) return { status: 200, body: success(res.status) };
      return { status: 400, body: { detail: `Webhook returned ${res.status}` } };
    } catch (err) {
      const reason = err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err);
      delivery.error = reason;
      return { status: 400, body: { detail: `Failed to send test webhook: ${reason}` } };
    }
  }
}

const success = (code: number) => ({ status: 'success', message: 'Test webhook sent', response_status_code: code });

function mockEvent(project: { id: number; name: string }): object {
  const now = new Date().toISOString();
  return {
    event_type: 'test_webhook',
    timestamp: now,
    project: { id: project.id, name: project.name },
    data: {
      message: 'This is a test event sent from Cekura to check your webhook.',
      call_log: { id: 0, call_id: 'call_test_0000000000000000', success: true, timestamp: now, metrics: [] },
    },
  };
}
