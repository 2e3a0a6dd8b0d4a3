// Serves the built SPA from dist/: hashed assets cached for a year, index.html revalidated every time, and a
// history fallback so that /projects/42/rubric loads the app. Without a build, a small placeholder page.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isApiNamespace } from './allowlist';
import { contentSecurityPolicy } from './security';

/** What vite.config.ts sets as html.cspNonce: Vite writes it into the built index.html, we replace it per response. */
export const NONCE_PLACEHOLDER = '__CEKURA_CSP_NONCE__';

const LONG_CACHE = 'public, max-age=31536000, immutable';

const PLACEHOLDER = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Cekura Console</title><meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body>
<main>
<h1>Cekura Console</h1>
<p>The admin server is running, but the web app has not been built yet (no <code>dist/index.html</code>).</p>
<p>Run <code>npm run build</code> or restart with <code>npm start</code> once <code>index.html</code> and <code>src/web</code> exist.</p>
</main>
</body>
</html>
`;

export async function registerSpa(app: FastifyInstance, distDir: string): Promise<void> {
  const indexFile = path.join(distDir, 'index.html');
  const built = existsSync(indexFile);
  // Read once: `npm start` builds before it serves, and a rebuild means a restart anyway (new asset names).
  const template = built ? readFileSync(indexFile, 'utf8') : '';
  if (built) {
    await app.register(fastifyStatic, {
      root: distDir,
      // A directory without index.html falls through to the history fallback (index: false would answer 403).
      index: ['index.html'],
      // index.html itself is never sent as a file: it is rendered per response with a fresh CSP nonce.
      allowedPath: (pathName) => !pathName.endsWith('/') && !pathName.endsWith('/index.html'),
      wildcard: true,
      dotfiles: 'ignore',
      cacheControl: false,
      // The build writes .br and .gz beside each text file (vite.config.ts); sent by the browser's Accept-Encoding.
      preCompressed: true,
      setHeaders: (reply, filePath) => {
        const relative = path.relative(distDir, filePath).split(path.sep).join('/');
        // Vite fingerprints everything under assets/; anything else (index.html, public/ files) may change in place.
        reply.header('cache-control', relative.startsWith('assets/') ? LONG_CACHE : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((req, reply) => historyFallback(req, reply, template));
}

/** A browser navigation to an app route (not the API, not a file): it gets the app page (or a login redirect). */
export function isPageRequest(method: string, rawUrl: string): boolean {
  const urlPath = rawUrl.split('?')[0];
  const lastSegment = urlPath.slice(urlPath.lastIndexOf('/') + 1);
  return (
    (method === 'GET' || method === 'HEAD') &&
    !isApiNamespace(urlPath) &&
    !urlPath.startsWith('/app-api') &&
    !/^\/assets(\/|$)/.test(urlPath) &&
    !lastSegment.includes('.')
  );
}

function historyFallback(req: FastifyRequest, reply: FastifyReply, template: string) {
  const isIndex =
    (req.raw.url ?? '/').split('?')[0] === '/index.html' && (req.method === 'GET' || req.method === 'HEAD');
  if (!isPageRequest(req.method, req.raw.url ?? '/') && !isIndex) return reply.code(404).send({ detail: 'Not found' });
  if (!template) return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(PLACEHOLDER);
  return sendIndex(req, reply, template);
}

/**
 * index.html with a fresh nonce in its CSP header and in the meta tag emotion reads it from (see main.tsx):
 * never cached (each response has its own nonce), compressed here as it is rendered.
 */
function sendIndex(req: FastifyRequest, reply: FastifyReply, template: string) {
  const nonce = randomBytes(16).toString('base64');
  const html = Buffer.from(template.replaceAll(NONCE_PLACEHOLDER, nonce));
  reply
    .header('cache-control', 'no-store')
    .header('content-security-policy', contentSecurityPolicy(nonce))
    .header('vary', 'accept-encoding')
    .type('text/html; charset=utf-8');
  const accepts = String(req.headers['accept-encoding'] ?? '');
  if (/\bbr\b/.test(accepts))
    return reply
      .header('content-encoding', 'br')
      .send(brotliCompressSync(html, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } }));
  if (/\bgzip\b/.test(accepts)) return reply.header('content-encoding', 'gzip').send(gzipSync(html));
  return reply.send(html);
}
