// POST /user/v1/projects/{id}/test-webhook/: real delivery to a loopback receiver, simulated delivery elsewhere.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../../test-support/emulator';
import { DEMO_PROJECT_ID, SECOND_PROJECT_ID } from './seed';

type Received = { headers: http.IncomingHttpHeaders; body: any };

let emu: TestEmulator;
let receiver: http.Server;
let receiverUrl: string;
let received: Received[] = [];
let answerWith = 200;

beforeAll(async () => {
  emu = await startTestEmulator();
  receiver = http.createServer((req, res) => {
    let data = '';
    req.on('data', (chunk) => {
      data += chunk;
    });
    req.on('end', () => {
      received.push({ headers: req.headers, body: JSON.parse(data) });
      res.writeHead(answerWith, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/cekura-hook`;
});
afterAll(async () => {
  await emu.close();
  await new Promise((resolve) => receiver.close(resolve));
});
beforeEach(async () => {
  await emu.hook('POST', 'reset', {});
  received = [];
  answerWith = 200;
});

const testWebhook = (projectId: number) => emu.api('POST', `/user/v1/projects/${projectId}/test-webhook/`);
const deliveries = async () => (await emu.hook('GET', 'webhook-deliveries')).json.deliveries;

describe('test-webhook', () => {
  it('answers 400 {"detail"} when the project has no webhook_url', async () => {
    const res = await testWebhook(DEMO_PROJECT_ID);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ detail: 'No webhook URL configured for this project.' });
  });

  it('POSTs a mock event to a loopback URL with X-CEKURA-SECRET and reports the status', async () => {
    await emu.api('PATCH', `/user/v1/projects/${DEMO_PROJECT_ID}/`, {
      webhook_url: receiverUrl,
      webhook_secret: 'whsec_loopback_42',
    });
    const res = await testWebhook(DEMO_PROJECT_ID);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: 'success', message: 'Test webhook sent', response_status_code: 200 });
    expect(received.length).toBe(1);
    expect(received[0].headers['x-cekura-secret']).toBe('whsec_loopback_42');
    expect(received[0].headers['content-type']).toBe('application/json');
    expect(received[0].body).toMatchObject({ event_type: 'test_webhook', project: { id: DEMO_PROJECT_ID } });
    const [delivery] = await deliveries();
    expect(delivery).toMatchObject({
      projectId: DEMO_PROJECT_ID,
      url: receiverUrl,
      simulated: false,
      secretSent: true,
      responseStatus: 200,
    });
    expect(JSON.stringify(delivery)).not.toContain('whsec_loopback_42');
  });

  it('sends no secret header when none is configured', async () => {
    await emu.api('PATCH', `/user/v1/projects/${DEMO_PROJECT_ID}/`, { webhook_url: receiverUrl });
    expect((await testWebhook(DEMO_PROJECT_ID)).status).toBe(200);
    expect(received[0].headers).not.toHaveProperty('x-cekura-secret');
  });

  it("answers 400 with the target's status when the target fails", async () => {
    answerWith = 500;
    await emu.api('PATCH', `/user/v1/projects/${DEMO_PROJECT_ID}/`, { webhook_url: receiverUrl });
    const res = await testWebhook(DEMO_PROJECT_ID);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ detail: 'Webhook returned 500' });
    expect((await deliveries())[0]).toMatchObject({ responseStatus: 500, simulated: false });
  });

  it('answers 400 when the loopback target is unreachable', async () => {
    // A port that was free a moment ago: nothing listens there.
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    await emu.api('PATCH', `/user/v1/projects/${DEMO_PROJECT_ID}/`, { webhook_url: `http://localhost:${port}/hook` });
    const res = await testWebhook(DEMO_PROJECT_ID);
    expect(res.status).toBe(400);
    expect(res.json.detail).toMatch(/^Failed to send test webhook: /);
  });

  it('simulates delivery to a non-loopback host, sends nothing, and says so in the record', async () => {
    const res = await testWebhook(SECOND_PROJECT_ID);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: 'success', message: 'Test webhook sent', response_status_code: 200 });
    const [delivery] = await deliveries();
    expect(delivery).toMatchObject({
      projectId: SECOND_PROJECT_ID,
      simulated: true,
      secretSent: true,
      url: 'https://hooks.boltsales.io/cekura/events',
    });
    expect(delivery.note).toMatch(/no request left the emulator/);
    expect(received).toEqual([]);
  });

  it('is recorded in the request log like any operation', async () => {
    await testWebhook(SECOND_PROJECT_ID);
    const { requests } = (await emu.hook('GET', 'requests')).json;
    expect(requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: `/user/v1/projects/${SECOND_PROJECT_ID}/test-webhook/`,
        status: 200,
      }),
    ]);
  });
});
