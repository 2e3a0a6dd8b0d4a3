import createCache from '@emotion/cache';
import { CacheProvider } from '@emotion/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import App from './app/App';
import { installPopStateGate } from './settings/popstate-gate';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
// The CSP allows only <style> elements carrying this response's nonce (no 'unsafe-inline'): the admin server
// puts it in <meta property="csp-nonce">, readable through the `nonce` property (browsers blank the attribute).
const nonceMeta = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]');
const styleCache = createCache({ key: 'css', nonce: nonceMeta?.nonce || undefined });
installPopStateGate(); // before the router mounts: see popstate-gate.ts
createRoot(root).render(
  <StrictMode>
    <CacheProvider value={styleCache}>
      <App />
    </CacheProvider>
  </StrictMode>,
);
