// `npm run emulator`: runs the emulator alone. PORT (default 4010), CEKURA_API_KEY (the organisation key, else
// generated), EMULATOR_PROJECT_KEY and EMULATOR_READ_ONLY_KEY (else generated),
// DATA_DIR (default ./data), EMULATOR_TEST_HOOKS=1, EMULATOR_MAX_PAGE_SIZE; flags --scale, --legacy, --reset,
// --max-page-size N.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { dbFile } from './db';
import { startEmulator } from './index';
import { DEFAULT_MAX_PAGE_SIZE } from './routes-lists';
import { DEMO_PROJECT_ID } from './seed';

const argv = process.argv.slice(2);
const args = new Set(argv);
const dataDir = path.resolve(process.env.DATA_DIR || './data');
const newKey = () => `emu_${crypto.randomBytes(18).toString('base64url')}`;
// CEKURA_API_KEY stays the organisation key; the project and read-only keys are generated unless given.
const apiKey = process.env.CEKURA_API_KEY || newKey();
const projectKey = process.env.EMULATOR_PROJECT_KEY || newKey();
const readOnlyKey = process.env.EMULATOR_READ_ONLY_KEY || newKey();
const port = process.env.PORT ? Number(process.env.PORT) : 4010;
const capArg = argv.indexOf('--max-page-size');
const maxPageSize = readPageCap(capArg >= 0 ? argv[capArg + 1] : process.env.EMULATOR_MAX_PAGE_SIZE);

function readPageCap(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d{1,4}$/.test(raw) || Number(raw) < 1) {
    console.error(`--max-page-size / EMULATOR_MAX_PAGE_SIZE must be a whole number from 1 to 9999 (got "${raw}")`);
    process.exit(2);
  }
  return Number(raw);
}

if (args.has('--reset')) {
  // A fresh database is seeded on start.
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${dbFile(dataDir)}${suffix}`, { force: true });
}

const emulator = await startEmulator({
  dataDir,
  apiKey,
  port,
  scale: args.has('--scale'),
  legacy: args.has('--legacy'),
  maxPageSize,
  projectKey,
  readOnlyKey,
  testHooks: process.env.EMULATOR_TEST_HOOKS === '1',
  logger: process.env.EMULATOR_LOG === '1',
});

console.log(`Cekura emulator: ${emulator.url}`);
console.log(`API key (X-CEKURA-API-KEY), organisation (all projects): ${apiKey}`);
console.log(`Project key (project ${DEMO_PROJECT_ID} only): ${projectKey}`);
console.log(`Read-only key (all projects, writes get 403): ${readOnlyKey}`);
console.log(`Largest list page: ${maxPageSize ?? DEFAULT_MAX_PAGE_SIZE} rows`);
console.log(`Data: ${dbFile(dataDir)}${process.env.EMULATOR_TEST_HOOKS === '1' ? ' (test hooks on)' : ''}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void emulator.close().then(() => process.exit(0));
  });
}
