// A real, throw-away PostgreSQL server for tests and the load run: initdb in a temporary directory, started on a
// free loopback port, stopped and removed afterwards. The binaries come from Debian's `postgresql` package
// (/usr/lib/postgresql/<version>/bin, newest first) or PATH. initdb and postgres refuse to run as root, so as root
// they run as the `postgres` user (runuser), with the data directory owned by it.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../scripts/free-port';

export const POSTGRES_INSTALL_HINT =
  'No PostgreSQL server found: install one with `apt-get install -y postgresql` (its binaries go to /usr/lib/postgresql/<version>/bin).';

/** The directory holding initdb, pg_ctl and postgres, or undefined. */
export function findPostgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((name) => /^\d+$/.test(name))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const dirs = [
    ...versions.map((version) => path.join(root, version, 'bin')),
    ...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean),
  ];
  return dirs.find((dir) => ['initdb', 'pg_ctl', 'postgres'].every((bin) => fs.existsSync(path.join(dir, bin))));
}

export type TestPostgres = {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  readonly url: string;
  readonly port: number;
  /** A new, empty database on this server; its URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
};

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
// util-linux's runuser lives in sbin, which a root shell's PATH does not always hold.
const RUNUSER =
  ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser'].find((file) => fs.existsSync(file)) ?? 'runuser';

/** Runs a PostgreSQL binary, as the `postgres` user when we are root. */
function runPg(bin: string, args: string[], options: { stdio?: 'ignore' | 'pipe' } = {}): string {
  const [command, argv] = asRoot ? [RUNUSER, ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  return execFileSync(command, argv, { stdio: options.stdio ?? 'pipe', encoding: 'utf8' });
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const bin = findPostgresBin();
  if (!bin) throw new Error(POSTGRES_INSTALL_HINT);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cekura-pg-'));
  const dataDir = path.join(dir, 'data');
  fs.mkdirSync(dataDir);
  if (asRoot) execFileSync('chown', ['-R', 'postgres:', dir]);
  runPg(path.join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    '-c listen_addresses=127.0.0.1',
    `-c unix_socket_directories=${dir}`,
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
  ].join(' ');
  // -w: returns once the server accepts connections (or fails).
  runPg(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-l', path.join(dir, 'server.log'), '-o', options, '-w', 'start']);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let stopped = false;
  return {
    url,
    port,
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Not a plain database name: ${name}`);
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await new Promise<void>((resolve) => {
        const argv = ['-D', dataDir, '-m', 'immediate', '-w', 'stop'];
        const child = asRoot
          ? spawn(RUNUSER, ['-u', 'postgres', '--', path.join(bin, 'pg_ctl'), ...argv], { stdio: 'ignore' })
          : spawn(path.join(bin, 'pg_ctl'), argv, { stdio: 'ignore' });
        child.on('exit', () => resolve());
        child.on('error', () => resolve());
      });
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
