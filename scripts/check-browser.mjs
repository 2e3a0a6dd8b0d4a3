// npm test needs a Chromium for the e2e specs; say in one line how to get one when it is missing.
import { existsSync } from 'node:fs';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
const found = candidates.find((path) => existsSync(path));
if (!found) {
  console.error(
    'No Chromium found: install one with `apt-get install -y chromium` (or set CHROMIUM_PATH to its binary).',
  );
  process.exit(1);
}
