// `npm run emulator`: runs the emulator alone. PORT (default 4010), CEKURA_API_KEY (else a generated key),
// DATA_DIR (default ./data), EMULATOR_TEST_HOOKS=1; flags --scale, --legacy, --reset.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { dbFile } from './db';
import { startEmulator } from './index';

const args = new Set(process.argv.slice(2));
const dataDir = path.resolve(process.env.DATA_DIR || './data');
const apiKey = process.env.CEKURA_API_KEY || `emu_${crypto.randomBytes(18).toString('base64url')}`;
const port = process.env.PORT ? Number(process.env.PORT) : 4010;

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
  testHooks: process.env.EMULATOR_TEST_HOOKS === '1',
  logger: process.env.EMULATOR_LOG === '1',
});

console.log(`Cekura emulator: ${emulator.url}`);
console.log(`API key (X-CEKURA-API-KEY): ${apiKey}`);
console.log(`Data: ${dbFile(dataDir)}${process.env.EMULATOR_TEST_HOOKS === '1' ? ' (test hooks on)' : ''}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void emulator.close().then(() => process.exit(0));
  });
}
