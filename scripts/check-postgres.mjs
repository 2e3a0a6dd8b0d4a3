// npm test needs a PostgreSQL server for the store tests (they start their own, in a temporary directory); say in
// one line how to get one when it is missing. Looks where src/test-support/postgres.ts looks.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const root = '/usr/lib/postgresql';
const versions = existsSync(root) ? readdirSync(root).filter((name) => /^\d+$/.test(name)) : [];
const dirs = [
  ...versions.map((version) => path.join(root, version, 'bin')),
  ...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean),
];
const found = dirs.some((dir) => ['initdb', 'pg_ctl', 'postgres'].every((bin) => existsSync(path.join(dir, bin))));
if (!found) {
  console.error(
    'No PostgreSQL server found: install one with `apt-get install -y postgresql` (binaries in /usr/lib/postgresql/<version>/bin, or put initdb, pg_ctl and postgres on PATH).',
  );
  process.exit(1);
}
