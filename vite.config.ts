import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const COMPRESSIBLE = /\.(js|css|html|svg|json|txt|webmanifest)$/;

/** Writes `.br` and `.gz` beside every text file of the build, at the highest levels: the admin server sends
 * them as they are (`preCompressed`), so the first load costs no compression time and the fewest bytes. */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'precompress',
    apply: 'build',
    configResolved: (config) => void (outDir = path.resolve(config.root, config.build.outDir)),
    closeBundle() {
      const walk = (dir: string): string[] =>
        readdirSync(dir).flatMap((name) => {
          const file = path.join(dir, name);
          return statSync(file).isDirectory() ? walk(file) : [file];
        });
      for (const file of walk(outDir).filter((f) => COMPRESSIBLE.test(f))) {
        const content = readFileSync(file);
        if (content.length < 1024) continue; // headers cost more than they save
        writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(content, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
              [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
            },
          }),
        );
      }
    },
  };
}

// The SPA lives in src/web; `npm run dev` proxies /api and /app-api to an admin server on ADMIN_URL.
export default defineConfig(({ mode }) => ({
  plugins: [react(), precompress()],
  // Vite marks index.html's tags and a <meta property="csp-nonce"> with this; the admin server replaces it with
  // a fresh nonce in every response (src/server/proxy/spa.ts), and emotion's <style> elements take it over.
  html: { cspNonce: '__CEKURA_CSP_NONCE__' },
  // The manifest tells the admin server which chunks each section needs (modulepreload, first-screen.ts).
  build: {
    outDir: 'dist',
    sourcemap: false,
    chunkSizeWarningLimit: 800,
    manifest: true,
    // No modulepreload polyfill in the entry script: current browsers (Chrome 66, Firefox 115, Safari 17 on)
    // support <link rel="modulepreload">; an older one fetches a section's chunks when it imports them.
    modulePreload: { polyfill: false },
  },
  // react-router's package points every import at its development build (dev warnings on); a production build
  // takes its production twin, which differs only in that switch, so the warnings' code drops out.
  resolve:
    mode === 'production'
      ? {
          alias: [
            {
              find: /^react-router$/,
              replacement: path.join(
                path.dirname(createRequire(import.meta.url).resolve('react-router/package.json')),
                'dist/production/index.mjs',
              ),
            },
          ],
        }
      : undefined,
  server: {
    proxy: {
      '/api': process.env.ADMIN_URL ?? 'http://127.0.0.1:3000',
      '/app-api': process.env.ADMIN_URL ?? 'http://127.0.0.1:3000',
    },
  },
}));
