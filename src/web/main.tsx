import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import App from './app/App';
import { installPopStateGate } from './settings/popstate-gate';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
installPopStateGate(); // before the router mounts: see popstate-gate.ts
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
