// Serving the built SPA: cache headers, history fallback, CSP, and the placeholder without a build.
import http from 'node:http';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NONCE_PLACEHOLDER } from './spa';
import { api, closedPort, rawRequest, startAdmin, type Admin } from './test-support';

const page = (nonce: string) =>
  `<!doctype html><html><head><meta property="csp-nonce" nonce="${nonce}"><title>Cekura Console</title><script type="module" nonce="${nonce}" src="/assets/index-AbC123.js"></script></head><body><div id="root"></div></body></html>`;
const INDEX = page(NONCE_PLACEHOLDER);
const nonceOf = (html: string) => /nonce="([^"]*)"/.exec(html)?.[1] ?? '';
/** The page without the first screen's data (first-screen.test.ts covers that). */
const withoutData = (html: string) =>
  html.replace(/<script type="application\/json" id="cekura-first-screen">.*?<\/script>/s, '');

const BIG_SCRIPT = `export const words = ${JSON.stringify('compressible '.repeat(2000))};`;

/** A GET whose body is returned as received (fetch would decode it). */
function rawGet(url: string, headers: Record<string, string>) {
  return new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

describe('with a built dist/', () => {
  let dist: string;
  let admin: Admin;

  beforeAll(async () => {
    dist = mkdtempSync(path.join(os.tmpdir(), 'cekura-dist-'));
    mkdirSync(path.join(dist, 'assets'));
    writeFileSync(path.join(dist, 'index.html'), INDEX);
    writeFileSync(path.join(dist, 'assets', 'index-AbC123.js'), 'console.log(1)');
    writeFileSync(path.join(dist, 'assets', 'app-Big456.js'), BIG_SCRIPT);
    writeFileSync(path.join(dist, 'assets', 'app-Big456.js.br'), brotliCompressSync(BIG_SCRIPT));
    writeFileSync(path.join(dist, 'assets', 'app-Big456.js.gz'), gzipSync(BIG_SCRIPT));
    writeFileSync(path.join(dist, 'favicon.svg'), '<svg/>');
    writeFileSync(path.join(dist, '.env'), 'SECRET=1');
    mkdirSync(path.join(dist, '.vite'));
    writeFileSync(path.join(dist, '.vite', 'manifest.json'), '{}');
    admin = await startAdmin(`http://127.0.0.1:${await closedPort()}`, { distDir: dist });
  });
  afterAll(async () => {
    await admin?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('renders index.html at / with a fresh nonce each time, in the page and the CSP, never cached', async () => {
    const nonces = new Set<string>();
    for (const route of ['/', '/', '/index.html']) {
      const res = await api(admin.url, route);
      expect(res.status).toBe(200);
      const nonce = nonceOf(res.text);
      expect(nonce).toMatch(/^[\w+/]{22}==$/);
      expect(withoutData(res.text)).toBe(page(nonce));
      nonces.add(nonce);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self';");
      expect(csp).toContain(`style-src 'self' 'nonce-${nonce}';`);
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect(nonces.size).toBe(3);
  });

  it("compresses a project page's index.html as it renders it, as the browser accepts; a small page not", async () => {
    const encoded = (raw: { headers: Record<string, string> }) => raw.headers['content-encoding'];
    const project = '/projects/1/general';
    expect(encoded(await rawRequest(admin.port, 'GET', project, 'Accept-Encoding: gzip, deflate, br\r\n'))).toBe('br');
    const gzip = await rawRequest(admin.port, 'GET', project, 'Accept-Encoding: gzip\r\n');
    expect([encoded(gzip), gzip.headers.vary]).toEqual(['gzip', 'accept-encoding']);
    expect(encoded(await rawRequest(admin.port, 'GET', project))).toBeUndefined();
    expect(
      encoded(await rawRequest(admin.port, 'GET', project, 'Accept-Encoding: br;q=0, gzip;q=0\r\n')),
    ).toBeUndefined();
    // The page at / (no project) is under a kilobyte: not worth compressing, but it says it could be.
    const small = await rawRequest(admin.port, 'GET', '/', 'Accept-Encoding: gzip, deflate, br\r\n');
    expect([small.status, encoded(small), small.headers.vary]).toEqual([200, undefined, 'accept-encoding']);
    expect(Number(small.headers['content-length'])).toBe(Buffer.byteLength(small.body, 'latin1'));
    // A HEAD has no body to compress.
    const head = await rawRequest(admin.port, 'HEAD', project, 'Accept-Encoding: gzip, deflate, br\r\n');
    expect([head.status, encoded(head)]).toEqual([200, undefined]);
  });

  it('falls back to index.html for app routes (history API)', async () => {
    for (const route of ['/projects/42/rubric', '/projects/42/history', '/some/unknown/page', '/projects/42/']) {
      const res = await api(admin.url, route);
      expect(res.status, route).toBe(200);
      expect(withoutData(res.text), route).toBe(page(nonceOf(res.text)));
    }
  });

  it('caches hashed assets for a year and other files not at all', async () => {
    const asset = await api(admin.url, '/assets/index-AbC123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await api(admin.url, '/favicon.svg')).headers.get('cache-control')).toBe('no-cache');
  });

  it("sends the build's .br or .gz file as the browser's Accept-Encoding allows, with the same caching", async () => {
    const url = `${admin.url}/assets/app-Big456.js`;
    const brotli = await rawGet(url, { 'accept-encoding': 'gzip, deflate, br' });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.body.equals(brotliCompressSync(BIG_SCRIPT))).toBe(true);
    expect(brotli.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotli.headers['content-type']).toMatch(/javascript/);
    expect(brotli.headers.vary).toMatch(/accept-encoding/i);

    const gzip = await rawGet(url, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.body.equals(gzipSync(BIG_SCRIPT))).toBe(true);

    const plain = await rawGet(url, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(BIG_SCRIPT);
  });

  it('answers 404 JSON, never the page, for missing files, dotfiles, /api and /app-api misses', async () => {
    for (const route of [
      '/assets/missing-123.js',
      '/assets/',
      '/assets',
      '/robots.txt',
      '/.env',
      '/.vite/manifest.json',
      '/api/nope/',
      '/app-api/nope',
      '/app-api/health/extra',
    ]) {
      const res = await api(admin.url, route);
      expect(res.status, route).toBe(404);
      expect(res.json(), route).toEqual({ detail: 'Not found' });
    }
  });

  it('does not serve files outside dist/', async () => {
    for (const target of [
      '/../package.json',
      '/assets/../../package.json',
      '/%2e%2e/package.json',
      '/assets/%2e%2e/index.html',
    ]) {
      const res = await rawRequest(admin.port, 'GET', target);
      expect(res.status, target).toBe(404);
      expect(res.body, target).not.toContain('"name"');
    }
  });

  it('answers health and config without the key', async () => {
    expect((await api(admin.url, '/app-api/health')).json()).toEqual({
      ok: true,
      database: { kind: 'sqlite', ok: true },
    });
    const config = (await api(admin.url, '/app-api/config')).json();
    expect(config.mode).toBe('emulator');
    expect(config.upstreamHost).toMatch(/^127\.0\.0\.1:\d+$/);
  });
});

describe('without a build', () => {
  it('serves a placeholder page for app routes', async () => {
    const admin = await startAdmin(`http://127.0.0.1:${await closedPort()}`, {
      distDir: path.join(os.tmpdir(), 'no-such-dist'),
    });
    try {
      const res = await api(admin.url, '/projects/1/general');
      expect(res.status).toBe(200);
      expect(res.text).toContain('<h1>Cekura Console</h1>');
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    } finally {
      await admin.close();
    }
  });
});
