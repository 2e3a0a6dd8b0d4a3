// Compression of the answers the admin server makes per request (compression.ts): the Accept-Encoding rules,
// and over real HTTP against the real admin server and the emulator (scale seed, the 300-rule project): a
// large JSON answer arrives as br or gzip and decodes to exactly the upstream's bytes, on the fast path and
// on Fastify's route; a small one, a request without Accept-Encoding or one refusing our codings get it as is; the
// ETag is the same whatever the coding, and a save with it still works.
import http from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PROJECT_ID, SCALE_PROJECT_ID } from '../emulator/seed';
import { startTestEmulator, type TestEmulator } from '../../test-support/emulator';
import { chooseEncoding, compress, encodeBody, MIN_COMPRESSED_BYTES, SYNC_COMPRESS_MAX_BYTES } from './compression';
import { assertNoKey, hooks, startAdmin, TEST_KEY, type Admin } from './test-support';

describe('chooseEncoding (RFC 9110 Accept-Encoding)', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['gzip, deflate, br', 'br'],
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['GZIP', 'gzip'],
    ['x-gzip', 'gzip'],
    ['deflate', undefined],
    ['br;q=0, gzip', 'gzip'],
    ['br;q=0.5, gzip;q=0.8', 'gzip'],
    ['br;q=0.8, gzip;q=0.8', 'br'],
    ['gzip;q=0, br;q=0', undefined],
    ['identity', undefined],
    ['identity;q=1, gzip;q=0.5', undefined],
    ['identity;q=0, gzip;q=0.5', 'gzip'],
    ['*', 'br'],
    ['*;q=0', undefined],
    ['*;q=0.5, br;q=0', 'gzip'],
    ['br;q=abc', undefined],
    ['br;q=1.5, gzip;q=0.1', 'gzip'],
  ])('%j -> %s', (header, expected) => {
    expect(chooseEncoding(header)).toBe(expected);
  });
});

describe('compress: inline below SYNC_COMPRESS_MAX_BYTES, on the thread pool above, same format', () => {
  // JSON-like text on either side of the threshold: both paths must give a body that decodes to the input.
  const jsonOf = (bytes: number) => Buffer.from(JSON.stringify({ rules: 'x'.repeat(bytes) }).slice(0, bytes - 1) + '"');
  it.each([
    ['br', SYNC_COMPRESS_MAX_BYTES - 1],
    ['br', SYNC_COMPRESS_MAX_BYTES + 1],
    ['gzip', SYNC_COMPRESS_MAX_BYTES - 1],
    ['gzip', SYNC_COMPRESS_MAX_BYTES + 1],
  ] as const)('%s, %d bytes', async (encoding, bytes) => {
    const body = jsonOf(bytes);
    const compressed = await compress(body, encoding);
    expect(compressed.length).toBeLessThan(body.length / 10);
    const decoded = encoding === 'br' ? brotliDecompressSync(compressed) : gunzipSync(compressed);
    expect(decoded.equals(body)).toBe(true);
  });
});

describe('encodeBody reuses the compressed form of identical bytes only', () => {
  const facts = { method: 'GET', status: 200, contentType: 'application/json', acceptEncoding: 'br, gzip' };
  const body = (fill: string) => Buffer.from(JSON.stringify({ rules: fill.repeat(20_000) }));
  const decode = (out: { body: Buffer; encoding?: string }) =>
    out.encoding === 'br' ? brotliDecompressSync(out.body) : gunzipSync(out.body);

  it('same bytes again: the same answer; other bytes of the same length (or the same buffer changed): their own', async () => {
    const a = body('a');
    const first = await encodeBody(facts, a);
    const again = await encodeBody(facts, Buffer.from(a));
    expect(again.encoding).toBe('br');
    expect(again.body.equals(first.body)).toBe(true);
    const b = body('b');
    expect(b.length).toBe(a.length);
    expect(decode(await encodeBody(facts, b)).equals(b)).toBe(true);
    // The caller's buffer changed after it was compressed: the memo kept its own copy.
    a.write('{"rules":"z', 0);
    expect(decode(await encodeBody(facts, a)).equals(a)).toBe(true);
    expect(decode(await encodeBody({ ...facts, acceptEncoding: 'gzip' }, b)).equals(b)).toBe(true);
  });
});

const P = SCALE_PROJECT_ID;
const PROJECT = `/api/user/v1/projects/${P}/`;
let emu: TestEmulator;
let admin: Admin;

beforeAll(async () => {
  emu = await startTestEmulator({ apiKey: TEST_KEY, scale: true });
  admin = await startAdmin(emu.url, { retry: { tries: 1 } });
});
afterAll(async () => {
  await admin?.close();
  await emu?.close();
});

type Raw = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

/** A GET whose body is kept as received (fetch would decode it). */
function rawGet(path: string, headers: Record<string, string>): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${admin.url}${path}`, { method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const raw = { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) };
        assertNoKey(
          raw.status,
          Object.entries(res.headers).map(([n, v]) => [n, String(v)]),
          decode(raw).toString(),
        );
        resolve(raw);
      });
    });
    req.on('error', reject);
    req.end();
  });
}

function decode(raw: { headers: http.IncomingHttpHeaders | Record<string, unknown>; body: Buffer }): Buffer {
  const encoding = raw.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(raw.body);
  if (encoding === 'gzip') return gunzipSync(raw.body);
  return raw.body;
}

/** The project as the emulator sends it, straight. */
async function upstreamBytes(): Promise<Buffer> {
  const res = await fetch(`${emu.url}/user/v1/projects/${P}/`, { headers: { 'X-CEKURA-API-KEY': TEST_KEY } });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

describe('compressed JSON answers', () => {
  it("sends a large project as br or gzip, as Accept-Encoding says, decoding to the upstream's bytes", async () => {
    const upstream = await upstreamBytes();
    expect(upstream.length).toBeGreaterThan(20 * 1024);
    for (const [accept, expected] of [
      ['gzip, deflate, br, zstd', 'br'],
      ['br', 'br'],
      ['gzip', 'gzip'],
      ['gzip;q=1, br;q=0.5', 'gzip'],
    ]) {
      const res = await rawGet(PROJECT, { 'accept-encoding': accept });
      expect(res.status, accept).toBe(200);
      expect(res.headers['content-encoding'], accept).toBe(expected);
      expect(res.headers.vary, accept).toBe('accept-encoding');
      expect(Number(res.headers['content-length']), accept).toBe(res.body.length);
      expect(res.body.length, accept).toBeLessThan(upstream.length / 5);
      expect(decode(res).equals(upstream), accept).toBe(true);
      // The rest of the answer as before.
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('sends it as is without Accept-Encoding, or to a request that refuses the codings we make', async () => {
    const upstream = await upstreamBytes();
    for (const headers of [
      {} as Record<string, string>,
      { 'accept-encoding': 'identity' },
      { 'accept-encoding': 'deflate' },
      { 'accept-encoding': 'br;q=0, gzip;q=0' },
      { 'accept-encoding': 'identity, gzip;q=0.5' },
    ]) {
      const res = await rawGet(PROJECT, headers);
      const label = JSON.stringify(headers);
      expect(res.status, label).toBe(200);
      expect(res.headers['content-encoding'], label).toBeUndefined();
      expect(res.headers.vary, label).toBe('accept-encoding');
      expect(Number(res.headers['content-length']), label).toBe(upstream.length);
      expect(res.body.equals(upstream), label).toBe(true);
    }
  });

  it("compresses the same way on Fastify's route (app.inject: the fast path is not taken)", async () => {
    const upstream = await upstreamBytes();
    const injected = await admin.app.inject({
      method: 'GET',
      url: PROJECT,
      headers: { host: '127.0.0.1', 'accept-encoding': 'br' },
    });
    const viaFastify = { status: injected.statusCode, headers: injected.headers, body: injected.rawPayload };
    expect(viaFastify.status).toBe(200);
    expect(viaFastify.headers['content-encoding']).toBe('br');
    expect(viaFastify.headers.vary).toBe('accept-encoding');
    expect(Number(viaFastify.headers['content-length'])).toBe(viaFastify.body.length);
    expect(decode(viaFastify).equals(upstream)).toBe(true);
    const fast = await rawGet(PROJECT, { 'accept-encoding': 'br' });
    expect(viaFastify.body.equals(fast.body)).toBe(true);
  });

  it('does not compress a small answer, and says that the answer varies with Accept-Encoding', async () => {
    const hook = hooks(emu.url);
    await hook.fault({ method: 'GET', path: `/user/v1/projects/${P}/`, kind: 'status', status: 503, times: 1 });
    const failed = await rawGet(PROJECT, { 'accept-encoding': 'gzip, deflate, br' });
    expect(failed.status).toBe(503);
    expect(failed.body.length).toBeLessThan(MIN_COMPRESSED_BYTES);
    expect(failed.headers['content-encoding']).toBeUndefined();
    expect(failed.headers.vary).toBe('accept-encoding');
    expect(JSON.parse(failed.body.toString()).detail).toBeTruthy();
    // Fastify's own small JSON (the console's config) likewise.
    const config = await rawGet('/app-api/config', { 'accept-encoding': 'gzip, deflate, br' });
    expect(config.status).toBe(200);
    expect(config.headers['content-encoding']).toBeUndefined();
    expect(Number(config.headers['content-length'])).toBe(config.body.length);
    expect(JSON.parse(config.body.toString()).mode).toBe('emulator');
    // A project that fits TCP's initial window (the demo project, about 4.6 KB) goes as is, whole.
    const demo = await rawGet(`/api/user/v1/projects/${DEMO_PROJECT_ID}/`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(demo.status).toBe(200);
    expect(demo.body.length).toBeGreaterThan(1024);
    expect(demo.body.length).toBeLessThan(MIN_COMPRESSED_BYTES);
    expect(demo.headers['content-encoding']).toBeUndefined();
    expect(demo.headers.vary).toBe('accept-encoding');
    expect(Number(demo.headers['content-length'])).toBe(demo.body.length);
    expect(JSON.parse(demo.body.toString()).id).toBe(DEMO_PROJECT_ID);
  });

  it('keeps one ETag whatever the coding; a save with it succeeds; If-None-Match still gets the project', async () => {
    const tags = new Set<string | undefined>();
    for (const accept of ['br', 'gzip', 'identity']) {
      tags.add((await rawGet(PROJECT, { 'accept-encoding': accept })).headers.etag);
    }
    expect(tags.size).toBe(1);
    const [etag] = [...tags] as string[];
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    // GETs are never answered 304 (every GET reaches the upstream): a matching If-None-Match gets the whole body.
    const again = await rawGet(PROJECT, { 'accept-encoding': 'br', 'if-none-match': etag });
    expect([again.status, again.headers.etag, again.headers['content-encoding']]).toEqual([200, etag, 'br']);
    const saved = await fetch(`${admin.url}${PROJECT}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'if-match': etag, origin: admin.url, 'accept-encoding': 'gzip' },
      body: JSON.stringify({ name: 'Compressed save' }),
    });
    expect(saved.status).toBe(200);
    // The save's answer is the project: compressed too (fetch decodes it).
    expect(saved.headers.get('content-encoding')).toBe('gzip');
    expect(((await saved.json()) as { name: string }).name).toBe('Compressed save');
    const after = await rawGet(PROJECT, { 'accept-encoding': 'br' });
    expect(after.headers.etag).not.toBe(etag);
    expect(JSON.parse(decode(after).toString()).name).toBe('Compressed save');
  });
});
