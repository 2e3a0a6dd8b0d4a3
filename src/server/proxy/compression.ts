// Compression of the answers the admin server makes per request (proxied JSON, its own JSON, index.html with
// its nonce): the one place that decides whether, and how, such an answer is compressed. Built files are not
// compressed here: the build writes their .br and .gz copies (vite.config.ts, @fastify/static's preCompressed).
//
// Cheap levels, chosen by measurement (`npm run bench -- --only compress`, docs/decisions.md 34): the admin
// server's CPU per proxied GET is bounded (issue 22). Brotli's default quality 11 spends 60-75 ms on the
// 37 KB 300-rule project and 500-600 ms on the 427 KB project list; quality 1 spends 0.1-0.3 ms on the one
// and 0.3-0.7 ms on the other, and still compresses better than gzip at level 1 (2.1 vs 2.8 KB, 9.6 vs
// 19.4 KB) at about the same cost. Bodies under SYNC_COMPRESS_MAX_BYTES are compressed on the event loop
// (the synchronous call costs 0.03-0.06 ms there, a third to a fifth of the async call's thread-pool
// hand-off); larger ones (the project list) go to libuv's thread pool so no request waits behind them.
import { type Transform, PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

export type Encoding = 'br' | 'gzip';

/**
 * Smaller answers go as they are: with their headers they fit TCP's initial congestion window (10 segments
 * of about 1,460 bytes, RFC 6928), so they arrive in the first round trip compressed or not, and compressing
 * them would only cost the admin server CPU on every GET (issue 22 bounds it). The demo project (4.6 KB)
 * goes as is; the 300-rule project (37 KB -> 2 KB) and the project list (427 KB -> 10 KB) are compressed.
 */
export const MIN_COMPRESSED_BYTES = 12 * 1024;

/** At quality 1 a body this size compresses in well under 0.1 ms: cheaper inline than on the thread pool. */
export const SYNC_COMPRESS_MAX_BYTES = 64 * 1024;

const BROTLI_QUALITY = 1;
const GZIP_LEVEL = 1;

const brotliOptions = (sizeHint?: number): zlib.BrotliOptions => ({
  params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
    [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
    ...(sizeHint === undefined ? {} : { [zlib.constants.BROTLI_PARAM_SIZE_HINT]: sizeHint }),
  },
});
const gzipOptions: zlib.ZlibOptions = { level: GZIP_LEVEL };

const brotliCompress = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Media types worth compressing: JSON and text. Anything else (images, archives, octet streams) goes as is. */
export function isCompressible(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0].trim().toLowerCase();
  return type.startsWith('text/') || type === 'application/json' || type.endsWith('+json');
}

/**
 * The coding to send for this Accept-Encoding (RFC 9110 12.5.3), or undefined for none: no header, `identity`
 * weighed above our codings, `q=0`, or only codings we do not make. A coding missing from the list gets the q
 * of `*` if there is one. Between equal q values brotli wins (smaller at the same cost), then gzip, then
 * identity. Identity is what goes out when nothing else may (no 406: every client reads it).
 */
export function chooseEncoding(header: string | string[] | undefined): Encoding | undefined {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return undefined;
  const q = new Map<string, number>();
  for (const part of value.split(',')) {
    const [name, ...params] = part.split(';');
    const coding = name.trim().toLowerCase();
    if (!coding) continue;
    let weight = 1;
    for (const param of params) {
      const [key, raw] = param.split('=').map((s) => s.trim());
      // A malformed weight counts as 0: identity is always a safe answer.
      if (key.toLowerCase() === 'q') weight = /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(raw ?? '') ? Number(raw) : 0;
    }
    q.set(coding === 'x-gzip' ? 'gzip' : coding, weight);
  }
  const star = q.get('*');
  const weightOf = (coding: string, otherwise: number) => q.get(coding) ?? star ?? otherwise;
  const br = weightOf('br', 0);
  const gz = weightOf('gzip', 0);
  // Identity is always acceptable as the fallback; it is preferred only when the header weighs it higher.
  const identity = weightOf('identity', 0);
  const best = Math.max(br, gz);
  if (best <= 0 || best < identity) return undefined;
  return br === best ? 'br' : 'gzip';
}

export type EncodedBody = { body: Buffer; encoding?: Encoding };

export type AnswerFacts = {
  method: string;
  status: number;
  contentType: string | undefined;
  acceptEncoding: string | string[] | undefined;
};

/**
 * The body as it goes out: compressed when the request accepts a coding we make, the answer has a body that
 * is JSON or text and at least MIN_COMPRESSED_BYTES long; never for HEAD, 1xx, 204 or 304. A compressed form
 * that is not smaller is dropped.
 */
export async function encodeBody(facts: AnswerFacts, body: Buffer): Promise<EncodedBody> {
  if (
    facts.method === 'HEAD' ||
    facts.status < 200 ||
    facts.status === 204 ||
    facts.status === 304 ||
    body.length < MIN_COMPRESSED_BYTES ||
    !isCompressible(facts.contentType)
  )
    return { body };
  const encoding = chooseEncoding(facts.acceptEncoding);
  if (!encoding) return { body };
  const compressed = recentlyCompressed(body, encoding) ?? remember(body, encoding, await compress(body, encoding));
  return compressed.length < body.length ? { body: compressed, encoding } : { body };
}

// Memo of bodies compressed lately, for bodies up to SYNC_COMPRESS_MAX_BYTES (at most about 1 MB held): the same
// upstream bytes compress to the same bytes, so a body identical to a recent one (the same project read again,
// by this user or another) reuses its compressed form instead of spending brotli's 0.05-0.1 ms again. Not a
// cache of answers: every GET still reaches the upstream and each answer is exactly what the upstream sent
// this time. Found by length and a full byte comparison (memcmp, a few µs for 37 KB), never by a hash, so a
// different body can never get another's bytes. The memo keeps its own copy of each body (whoever passed it
// may reuse its buffer).
const COMPRESSED_MEMO_LIMIT = 16;
const compressedMemo: { body: Buffer; encoding: Encoding; compressed: Buffer }[] = [];

function recentlyCompressed(body: Buffer, encoding: Encoding): Buffer | undefined {
  if (body.length > SYNC_COMPRESS_MAX_BYTES) return undefined;
  for (let i = compressedMemo.length - 1; i >= 0; i--) {
    const entry = compressedMemo[i];
    if (entry.encoding === encoding && entry.body.length === body.length && entry.body.equals(body))
      return entry.compressed;
  }
  return undefined;
}

function remember(body: Buffer, encoding: Encoding, compressed: Buffer): Buffer {
  if (body.length > SYNC_COMPRESS_MAX_BYTES) return compressed;
  if (compressedMemo.length >= COMPRESSED_MEMO_LIMIT) compressedMemo.shift();
  compressedMemo.push({ body: Buffer.from(body), encoding, compressed });
  return compressed;
}

/** One body in one go, at the levels above (the bench measures this very function). */
export function compress(body: Buffer, encoding: Encoding): Promise<Buffer> {
  if (body.length <= SYNC_COMPRESS_MAX_BYTES)
    return Promise.resolve(
      encoding === 'br' ? zlib.brotliCompressSync(body, brotliOptions(body.length)) : zlib.gzipSync(body, gzipOptions),
    );
  return encoding === 'br' ? brotliCompress(body, brotliOptions(body.length)) : gzip(body, gzipOptions);
}

/** `Vary` with accept-encoding added to what is already there (each answer this module may compress). */
export function varyWithEncoding(current: string | number | string[] | undefined): string {
  const names = (Array.isArray(current) ? current.join(',') : String(current ?? ''))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.includes('*') || names.some((n) => n.toLowerCase() === 'accept-encoding')) return names.join(', ');
  return [...names, 'accept-encoding'].join(', ');
}

/**
 * A compressing stream for an answer written in parts (index.html: its head goes out before the first
 * screen's data is read), with `flush` to push what was written so far to the browser.
 */
export function encoderStream(encoding: Encoding | undefined): { stream: Transform; flush(): void } {
  if (encoding === 'br') {
    const stream = zlib.createBrotliCompress(brotliOptions());
    return { stream, flush: () => stream.flush(zlib.constants.BROTLI_OPERATION_FLUSH) };
  }
  if (encoding === 'gzip') {
    const stream = zlib.createGzip(gzipOptions);
    return { stream, flush: () => stream.flush(zlib.constants.Z_SYNC_FLUSH) };
  }
  const stream = new PassThrough();
  return { stream, flush: () => undefined };
}

/**
 * Every answer Fastify makes from a body in memory (JSON of /app-api, the Fastify path of /api, error answers)
 * goes through encodeBody; streams are left alone (index.html compresses itself as it is written, built files
 * go as their precompressed copies), as is anything that already has a Content-Encoding.
 */
export function registerCompression(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    if (reply.hasHeader('content-encoding')) return payload;
    const contentType = reply.getHeader('content-type');
    if (!isCompressible(typeof contentType === 'string' ? contentType : undefined)) return payload;
    reply.header('vary', varyWithEncoding(reply.getHeader('vary')));
    const facts = {
      method: req.method,
      status: reply.statusCode,
      contentType: contentType as string,
      acceptEncoding: req.headers['accept-encoding'],
    };
    const { body, encoding } = await encodeBody(facts, typeof payload === 'string' ? Buffer.from(payload) : payload);
    if (!encoding) return payload;
    // Fastify sets Content-Length from the payload this hook returns.
    reply.header('content-encoding', encoding);
    return body;
  });
}
