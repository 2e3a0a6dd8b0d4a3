// One call to the Cekura API (or the emulator): adds the key, bounds the whole exchange by a timeout and turns
// network failures into the admin server's own 502/504 answers. Nothing from the browser's request is forwarded
// except the path, the filtered query and (for writes) the body text.
import http from 'node:http';
import https from 'node:https';

export type UpstreamConfig = { baseUrl: string; apiKey: string; timeoutMs: number };

export type UpstreamRequest = { method: 'GET' | 'PATCH' | 'POST'; path: string; search: string; body?: string };

export type UpstreamResponse = {
  ok: true;
  status: number;
  contentType: string | null;
  retryAfter: string | null;
  body: Buffer;
};

export type UpstreamFailure = { ok: false; status: 502 | 504; detail: string; reason: string };

export type UpstreamResult = UpstreamResponse | UpstreamFailure;

// node:http with keep-alive agents rather than fetch(): a proxied GET costs the admin server about a third
// less CPU (measured by `npm run bench`). Writes take a fresh connection: a kept-alive socket the upstream
// has just closed would fail a PATCH that was never sent, and a failed PATCH is never retried.
const readAgents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
};
const writeAgents = {
  'http:': new http.Agent({ keepAlive: false }),
  'https:': new https.Agent({ keepAlive: false }),
};

// Error codes that mean the connection broke after it was made.
const DROPPED = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

class UpstreamTimeout extends Error {
  override name = 'TimeoutError';
}

export function upstreamFailure(error: unknown, timeoutMs: number): UpstreamFailure {
  const err = error as { name?: string; code?: string; cause?: { code?: string; name?: string } };
  if (err?.name === 'TimeoutError' || err?.cause?.name === 'TimeoutError') {
    return {
      ok: false,
      status: 504,
      detail: `The Cekura API did not answer within ${timeoutMs} ms.`,
      reason: 'timeout',
    };
  }
  const code = err?.code ?? err?.cause?.code ?? 'unknown';
  if (DROPPED.has(code)) {
    return {
      ok: false,
      status: 502,
      detail: 'The Cekura API connection dropped before it answered; the request may or may not have been applied.',
      reason: code,
    };
  }
  return { ok: false, status: 502, detail: 'The Cekura API is unreachable.', reason: code };
}

export async function callUpstream(cfg: UpstreamConfig, req: UpstreamRequest): Promise<UpstreamResult> {
  try {
    const res = await exchange(cfg, req);
    if (res.status >= 300 && res.status < 400) {
      return {
        ok: false,
        status: 502,
        detail: `The Cekura API answered with a redirect (${res.status}), which is not followed.`,
        reason: 'redirect',
      };
    }
    return res;
  } catch (error) {
    return upstreamFailure(error, cfg.timeoutMs);
  }
}

type Target = {
  transport: typeof http | typeof https;
  protocol: 'http:' | 'https:';
  hostname: string;
  port: string;
  prefix: string;
};
const targets = new Map<string, Target>();

/** The upstream's base URL, parsed once (not a new URL per request). */
function target(baseUrl: string): Target {
  let known = targets.get(baseUrl);
  if (!known) {
    const url = new URL(baseUrl);
    const protocol = url.protocol === 'https:' ? 'https:' : 'http:';
    known = {
      transport: protocol === 'https:' ? https : http,
      protocol,
      hostname: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port,
      prefix: url.pathname.replace(/\/+$/, ''),
    };
    targets.set(baseUrl, known);
  }
  return known;
}

/** One request and its whole response body, within cfg.timeoutMs (connect, headers and body together). */
function exchange(cfg: UpstreamConfig, req: UpstreamRequest): Promise<UpstreamResponse> {
  // The path and query come from the allowlist (allowlist.ts): fixed patterns and a query URLSearchParams wrote.
  const to = target(cfg.baseUrl);
  const headers: Record<string, string | number> = {
    'X-CEKURA-API-KEY': cfg.apiKey,
    Accept: 'application/json',
    'User-Agent': 'cekura-console',
  };
  if (req.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    headers['Content-Length'] = Buffer.byteLength(req.body);
  }
  return new Promise((resolve, reject) => {
    const request = to.transport.request({
      protocol: to.protocol,
      hostname: to.hostname,
      port: to.port,
      path: `${to.prefix}${req.path}${req.search ? `?${req.search}` : ''}`,
      method: req.method,
      headers,
      agent: (req.method === 'GET' ? readAgents : writeAgents)[to.protocol],
    });
    // The callbacks below are inline, not named consts: tsx (esbuild's keepNames) would wrap every named
    // function made per request in a __name() call, an Object.defineProperty on each GET.
    const timer = setTimeout(() => request.destroy(new UpstreamTimeout()), cfg.timeoutMs);
    request.on('error', (error: Error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (error: Error) => {
        clearTimeout(timer);
        reject(error);
      });
      res.on('aborted', () => {
        clearTimeout(timer);
        reject(Object.assign(new Error('response aborted'), { code: 'ECONNRESET' }));
      });
      res.on('end', () => {
        clearTimeout(timer);
        resolve({
          ok: true,
          status: res.statusCode ?? 502,
          contentType: headerText(res.headers['content-type'], cfg.apiKey),
          retryAfter: headerText(res.headers['retry-after'], cfg.apiKey),
          // Copied even when it arrived in one chunk (on loopback a project does): keeping the socket's chunk
          // instead cost the admin server more CPU per GET, not less (0.70 vs 0.52 ms on the 300-rule project,
          // same-moment A/B runs), mostly system time.
          body: redactKey(Buffer.concat(chunks), cfg.apiKey),
        });
      });
    });
    request.end(req.body);
  });
}

/** A response header as text, the key redacted; null when absent or repeated. */
function headerText(value: string | string[] | undefined, apiKey: string): string | null {
  return typeof value === 'string' ? redactKeyText(value, apiKey) : null;
}

const MAY_HAVE_APPLIED = 'The change may or may not have been applied.';

export type UpstreamWrite = {
  /** What the client is told: the upstream's answer, or a 504 once cfg.timeoutMs has passed. */
  answer: Promise<UpstreamResult>;
  /** How the write really ended: its answer, or a failure once 2 x cfg.timeoutMs has passed. */
  settled: Promise<UpstreamResult>;
  /** True once the client's answer was given before the upstream's: the outcome is unknown to the client. */
  answerLost(): boolean;
};

/**
 * A write is not abandoned when the client's time is up: a request cut off mid-way may still land upstream
 * after a newer save, so the connection stays open (up to twice the timeout) and the caller learns how it
 * really ended, while the client gets its 504 at the usual time.
 */
export function startWrite(cfg: UpstreamConfig, req: UpstreamRequest): UpstreamWrite {
  const settled = callUpstream({ ...cfg, timeoutMs: 2 * cfg.timeoutMs }, req).then((res) =>
    res.ok || /may or may not/.test(res.detail) ? res : { ...res, detail: `${res.detail} ${MAY_HAVE_APPLIED}` },
  );
  let lost = false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<UpstreamResult>((resolve) => {
    timer = setTimeout(() => {
      lost = true;
      resolve({
        ok: false,
        status: 504,
        detail: `The Cekura API did not answer within ${cfg.timeoutMs} ms. ${MAY_HAVE_APPLIED}`,
        reason: 'timeout',
      });
    }, cfg.timeoutMs);
  });
  const answer = Promise.race([
    settled.then((res) => {
      clearTimeout(timer);
      // A failure without an answer (dropped, timed out) leaves the outcome unknown too.
      if (!res.ok) lost = true;
      return res;
    }),
    timeout,
  ]);
  return { answer, settled, answerLost: () => lost };
}

export const REDACTED = '[redacted]';

/** The key as it may appear in a body: raw, inside a JSON string, percent-encoded (worked out once per key). */
const formsByKey = new Map<string, { text: string[]; bytes: Buffer[] }>();
function keyForms(apiKey: string): { text: string[]; bytes: Buffer[] } {
  let forms = formsByKey.get(apiKey);
  if (!forms) {
    const text = [...new Set([apiKey, JSON.stringify(apiKey).slice(1, -1), encodeURIComponent(apiKey)])];
    forms = { text, bytes: text.map((form) => Buffer.from(form)) };
    formsByKey.set(apiKey, forms);
  }
  return forms;
}

/**
 * An upstream answer may quote the key (an error page echoing the request's headers, say): it is replaced
 * before anything passes the body on to the browser or a log line. The common case (no key) costs one search.
 */
export function redactKey(body: Buffer, apiKey: string): Buffer {
  if (!keyForms(apiKey).bytes.some((form) => body.includes(form))) return body;
  return Buffer.from(redactKeyText(body.toString('utf8'), apiKey));
}

export function redactKeyText(text: string, apiKey: string): string {
  return keyForms(apiKey).text.reduce((out, form) => out.replaceAll(form, REDACTED), text);
}
