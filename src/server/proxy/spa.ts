// Serves the built SPA from dist/: hashed assets cached for a year, index.html revalidated every time, and a
// history fallback so that /projects/42/rubric loads the app. Without a build, a small placeholder page.
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isApiNamespace } from './allowlist';

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
  const built = existsSync(path.join(distDir, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root: distDir,
      // A directory without index.html falls through to the history fallback (index: false would answer 403).
      index: ['index.html'],
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
  app.setNotFoundHandler((req, reply) => historyFallback(req, reply, built));
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

function historyFallback(req: FastifyRequest, reply: FastifyReply, built: boolean) {
  if (!isPageRequest(req.method, req.raw.url ?? '/')) return reply.code(404).send({ detail: 'Not found' });
  if (!built) return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(PLACEHOLDER);
  return reply.sendFile('index.html');
}
