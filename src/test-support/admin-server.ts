// The admin server half of the test harness: the real admin server (src/server/proxy) on a free loopback
// port with its own temporary DATA_DIR, in front of an upstream (usually startTestEmulator's). Used by the
// admin server's own tests (src/server/proxy/test-support.ts) and by the web API tests, which run the
// console's fetchers against it through `browserFetch`.
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildAdminServer, type AdminServerOptions } from '../server/proxy/index';

export type TestAdmin = { app: FastifyInstance; url: string; port: number; close(): Promise<void> };

/** The real admin server with the upstream's key, on a free loopback port; `close` removes its DATA_DIR. */
export async function startTestAdmin(
  upstream: { url: string; apiKey: string },
  overrides: Partial<AdminServerOptions> = {},
): Promise<TestAdmin> {
  const ownDataDir = overrides.dataDir ? undefined : mkdtempSync(path.join(os.tmpdir(), 'cekura-admin-test-'));
  const app = await buildAdminServer({
    upstreamUrl: upstream.url,
    apiKey: upstream.apiKey,
    mode: 'emulator',
    timeoutMs: 5000,
    distDir: path.join(os.tmpdir(), 'cekura-no-dist-here'),
    dataDir: ownDataDir as string,
    logger: false,
    ...overrides,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as net.AddressInfo;
  return {
    app,
    port,
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      if (ownDataDir) rmSync(ownDataDir, { recursive: true, force: true });
    },
  };
}

/** fetch as the console page sends it: relative paths (`/api/...`) go to the admin server at `base`. */
export function browserFetch(base: string, realFetch: typeof fetch = globalThis.fetch) {
  return (input: string, init?: RequestInit) => realFetch(input.startsWith('/') ? `${base}${input}` : input, init);
}
