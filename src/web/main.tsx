import createCache from '@emotion/cache';
import { CacheProvider } from '@emotion/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import App from './app/App';
import { sectionCodeOf } from './app/sections';
import { installPopStateGate } from './settings/popstate-gate';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
// The CSP allows only <style> elements carrying this response's nonce (no 'unsafe-inline'): the admin server
// puts it in <meta property="csp-nonce">, readable through the `nonce` property (browsers blank the attribute).
const nonceMeta = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]');
const styleCache = createCache({ key: 'css', nonce: nonceMeta?.nonce || undefined });
installPopStateGate(); // before the router mounts: see popstate-gate.ts

const render = () =>
  createRoot(root).render(
    <StrictMode>
      <CacheProvider value={styleCache}>
        <App />
      </CacheProvider>
    </StrictMode>,
  );

// The section's code is usually in by now (index.html modulepreloads it), but it runs only after this script:
// rendered at once, the page would render its frame twice (with a loading state, then with the section).
// So the first render waits for the code, though never long: a slow download shows the loading state.
const FIRST_RENDER_WAIT_MS = 300;
const sectionCode = sectionCodeOf(window.location.pathname);
if (sectionCode)
  void Promise.race([sectionCode, new Promise((resolve) => setTimeout(resolve, FIRST_RENDER_WAIT_MS))])
    .catch(() => undefined)
    .then(render);
else render();
