// One call to the Cekura API (or the emulator): adds the key, bounds the whole exchange by a timeout and turns
// network failures into the admin server's own 502/504 answers. Nothing from the browser's request is forwarded
// except the path, the filtered query and (for writes) the body text.

export type UpstreamConfig = { baseUrl: string; apiKey: string; timeoutMs: number };

export type UpstreamRequest = { method: 'GET' | 'PATCH' | 'POST'; path: string; search: string; body?: string };

export type UpstreamResponse = { ok: true; status: number; contentType: string | null; retryAfter: string | null; body: Buffer };

export type UpstreamFailure = { ok: false; status: 502 | 504; detail: string; reason: string };

export type UpstreamResult = UpstreamResponse | UpstreamFailure;

// Network error codes (undici's `cause.code`) that mean the connection broke after it was made.
const DROPPED = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE', 'UND_ERR_CLOSED']);

export function upstreamFailure(error: unknown, timeoutMs: number): UpstreamFailure {
  const err = error as { name?: string; cause?: { code?: string; name?: string } };
  if (err?.name === 'TimeoutError' || err?.cause?.name === 'TimeoutError') {
    return { ok: false, status: 504, detail: `The Cekura API did not answer within ${timeoutMs} ms.`, reason: 'timeout' };
  }
  const code = err?.cause?.code ?? 'unknown';
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
  const url = `${cfg.baseUrl}${req.path}${req.search ? `?${req.search}` : ''}`;
  const headers: Record<string, string> = {
    'X-CEKURA-API-KEY': cfg.apiKey,
    Accept: 'application/json',
    'User-Agent': 'cekura-console',
  };
  if (req.body !== undefined) headers['Content-Type'] = 'application/json';
  try {
    // One signal bounds connect, headers and body; redirects are never followed (the key must not travel on).
    const res = await fetch(url, {
      method: req.method,
      headers,
      body: req.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(cfg.timeoutMs),
    });
    const body = Buffer.from(await res.arrayBuffer());
    if (res.status >= 300 && res.status < 400) {
      return { ok: false, status: 502, detail: `The Cekura API answered with a redirect (${res.status}), which is not followed.`, reason: 'redirect' };
    }
    return { ok: true, status: res.status, contentType: res.headers.get('content-type'), retryAfter: res.headers.get('retry-after'), body };
  } catch (error) {
    return upstreamFailure(error, cfg.timeoutMs);
  }
}
