// Serves the built SPA from dist/: hashed assets cached for a year, index.html revalidated every time, and a
// history fallback so that /projects/42/rubric loads the app. Without a build, a small placeholder page.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { firstScreenOf } from '../../shared/schemas/first-screen';
import type { SectionId } from '../../shared/schemas/fields';
import { isApiNamespace } from './allowlist';
import { chooseEncoding, encoderStream } from './compression';
import { firstScreenElement, sectionPreloads, type FirstScreenProject } from './first-screen';
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

/** Where index.html gets its first screen's data (first-screen.ts); without it, the page carries none. */
export type FirstScreenSource = {
  /** May this request see project data: it has a live session, or the server needs no login. */
  admitted(req: FastifyRequest): Promise<boolean>;
  /** What GET /app-api/config answers. */
  config: unknown;
  /** What GET /app-api/session answers for this request. */
  session(req: FastifyRequest): Promise<unknown>;
  /** The project, read from the upstream for this request within a short bound; undefined if that failed. */
  readProject(projectId: number): Promise<FirstScreenProject | undefined>;
};

type Page = { template: string; preloads: Partial<Record<SectionId, string>>; firstScreen?: FirstScreenSource };

export async function registerSpa(
  app: FastifyInstance,
  distDir: string,
  firstScreen?: FirstScreenSource,
): Promise<void> {
  const indexFile = path.join(distDir, 'index.html');
  const built = existsSync(indexFile);
  // Read once: `npm start` builds before it serves, and a rebuild means a restart anyway (new asset names).
  const template = built ? readFileSync(indexFile, 'utf8') : '';
  const page: Page = { template, preloads: built ? sectionPreloads(distDir) : {}, firstScreen };
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
  app.setNotFoundHandler((req, reply) => historyFallback(req, reply, page));
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

function historyFallback(req: FastifyRequest, reply: FastifyReply, page: Page) {
  const isIndex =
    (req.raw.url ?? '/').split('?')[0] === '/index.html' && (req.method === 'GET' || req.method === 'HEAD');
  if (!isPageRequest(req.method, req.raw.url ?? '/') && !isIndex) return reply.code(404).send({ detail: 'Not found' });
  if (!page.template)
    return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(PLACEHOLDER);
  return sendIndex(req, reply, page);
}

/**
 * index.html with a fresh nonce in its CSP header and in the meta tag emotion reads it from (see main.tsx):
 * never cached (each response has its own nonce), compressed as compression.ts decides. A project page also gets
 * its section's modulepreloads and, for a request that may see the project, the first screen's data: the
 * document up to </body> goes out at once (the browser starts on the scripts), the data follows when read.
 */
async function sendIndex(req: FastifyRequest, reply: FastifyReply, page: Page) {
  const nonce = randomBytes(16).toString('base64');
  const screen = firstScreenOf((req.raw.url ?? '/').split('?')[0]);
  const preloads = screen?.section ? (page.preloads[screen.section] ?? '') : '';
  const html = page.template.replaceAll(NONCE_PLACEHOLDER, nonce).replace('</head>', `${preloads}</head>`);
  const bodyEnd = html.lastIndexOf('</body>');
  reply
    .header('cache-control', 'no-store')
    .header('content-security-policy', contentSecurityPolicy(nonce))
    .header('vary', 'accept-encoding')
    .type('text/html; charset=utf-8');
  const source = page.firstScreen;
  // Never any data for a request that is not logged in (the login hook redirects those; this is the second check).
  const withData = req.method === 'GET' && bodyEnd !== -1 && !!source && (await source.admitted(req));
  // A page without a project is a string of about a kilobyte, made at once: the compression hook decides on it,
  // as on any answer (compression.ts).
  if (!withData || !source) return reply.send(html);
  // Read beside the project, never holding the head back; a failure leaves it out (the app then asks for it).
  const session = source.session(req).catch(() => undefined);
  if (!screen) {
    const element = firstScreenElement({ config: source.config, session: await session, project: undefined });
    return reply.send(html.slice(0, bodyEnd) + element + html.slice(bodyEnd));
  }
  // A project page waits for the project (up to tens of KB, always worth compressing): its head goes out
  // first, through a compressing stream at the same levels.
  const encoding = chooseEncoding(req.headers['accept-encoding']);
  const encoder = encoderStream(encoding);
  if (encoding) reply.header('content-encoding', encoding);
  encoder.stream.write(html.slice(0, bodyEnd));
  encoder.flush();
  const project = source.readProject(screen.projectId).catch(() => undefined);
  void reply.send(encoder.stream);
  const element = firstScreenElement({ config: source.config, session: await session, project: await project });
  encoder.stream.end(element + html.slice(bodyEnd));
  return reply;
}
