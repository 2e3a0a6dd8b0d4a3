// Request checks against other sites and hostile names, and the security headers every response carries.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isApiNamespace } from './allowlist';

/**
 * Scripts and styles only from this server; the one exception is the <style> elements emotion injects at run
 * time into index.html, which carry that response's nonce (see spa.ts and main.tsx). No 'unsafe-inline'.
 */
export function contentSecurityPolicy(styleNonce?: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    styleNonce ? `style-src 'self' 'nonce-${styleNonce}'` : "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  // Other sites can neither embed our responses (no-cors) nor keep a handle on our window.
  'cross-origin-resource-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
};

/** Also called where Fastify answers without running onSend hooks (a URL the router cannot decode). */
export function setSecurityHeaders(reply: FastifyReply): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    // index.html sets its own policy, with its nonce.
    if (name === 'content-security-policy' && reply.hasHeader(name)) continue;
    reply.header(name, value);
  }
}

export const BODY_LIMIT_BYTES = 256 * 1024;

/** The listening address only serves this machine. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

export function isApiOrAppApi(path: string): boolean {
  return isApiNamespace(path) || path.startsWith('/app-api');
}

/** The Host header's name without its port ("[::1]:3000" -> "::1"). */
function hostName(hostHeader: string): string {
  const bracketed = /^\[([^\]]*)\]/.exec(hostHeader);
  if (bracketed) return bracketed[1];
  return hostHeader.replace(/:\d*$/, '');
}

/** The media type of a Content-Type header, lower-cased, without parameters. */
function mediaType(value: string | undefined): string | undefined {
  return value?.split(';')[0].trim().toLowerCase() || undefined;
}

function hasBody(req: FastifyRequest): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * Why a write to /api or /app-api is refused (undefined = allowed): it must come from this server's own
 * origin and carry JSON. A body-less request (the test-webhook POST, logout) needs no Content-Type, but any
 * Content-Type it does carry must be JSON: an HTML form always sends one, and it is never JSON.
 */
export function crossSiteRefusal(req: FastifyRequest): string | undefined {
  const origin = req.headers.origin;
  const ownOrigin = `${req.protocol}://${req.host}`;
  if (origin !== undefined) {
    if (origin !== ownOrigin) return 'Cross-site request refused (Origin is not this server).';
  } else {
    const site = req.headers['sec-fetch-site'];
    if (site !== 'same-origin' && site !== 'none')
      return "Request refused: send an Origin header equal to this server's origin.";
  }
  const type = mediaType(req.headers['content-type']);
  if (type === undefined && !hasBody(req)) return undefined;
  if (type !== 'application/json') return 'Request refused: the body must be JSON (Content-Type: application/json).';
  return undefined;
}

export type SecurityOptions = { host: string; trustProxy: boolean };

/** On a loopback address, a Host that is not a loopback name is a DNS-rebinding page talking to us. */
export function hostCheck(opts: SecurityOptions): (hostHeader: string | undefined) => boolean {
  if (!isLoopbackHost(opts.host) || opts.trustProxy) return () => true;
  return (hostHeader) => isLoopbackHost(hostName(hostHeader ?? ''));
}

export function registerSecurity(app: FastifyInstance, opts: SecurityOptions): void {
  const hostAllowed = hostCheck(opts);
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    if (!hostAllowed(req.headers.host)) {
      return reply.code(421).send({ detail: 'This server answers only to localhost / 127.0.0.1 / [::1].' });
    }
    const path = (req.raw.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD' && isApiOrAppApi(path)) {
      const refusal = crossSiteRefusal(req);
      if (refusal) return reply.code(403).header('cache-control', 'no-store').send({ detail: refusal });
    }
  });
  app.addHook('onSend', async (_req, reply, payload) => {
    setSecurityHeaders(reply);
    return payload;
  });
}
