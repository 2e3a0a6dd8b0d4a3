import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The SPA lives in src/web; `npm run dev` proxies /api and /app-api to an admin server on ADMIN_URL.
export default defineConfig({
  plugins: [react()],
  // Vite marks index.html's tags and a <meta property="csp-nonce"> with this; the admin server replaces it with
  // a fresh nonce in every response (src/server/proxy/spa.ts), and emotion's <style> elements take it over.
  html: { cspNonce: '__CEKURA_CSP_NONCE__' },
  build: { outDir: 'dist', sourcemap: false, chunkSizeWarningLimit: 800 },
  server: {
    proxy: {
      '/api': process.env.ADMIN_URL ?? 'http://127.0.0.1:3000',
      '/app-api': process.env.ADMIN_URL ?? 'http://127.0.0.1:3000',
    },
  },
});
