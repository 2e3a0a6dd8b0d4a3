// `npm start`: build the SPA if needed, start the embedded emulator unless a real key is configured, serve.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig, type AppConfig } from './config';
import { checkDataDir } from './data-dir';
import { buildAdminServer, checkCanStart, NoUserError } from './proxy/index';
import { ensureSpaBuilt } from './proxy/spa-build';
import { DamagedStoreError } from './history/store';
import { StoreOpenError } from './store/index';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

type Upstream = { url: string; apiKey: string; close(): Promise<void> };

async function startUpstream(config: AppConfig): Promise<Upstream> {
  if (config.upstream.mode === 'live') {
    return { url: config.upstream.url, apiKey: config.upstream.apiKey, close: async () => {} };
  }
  // Loaded only in emulator mode: live mode never opens SQLite.
  const { startEmulator } = await import('./emulator/index');
  return startEmulator({
    dataDir: config.dataDir,
    apiKey: config.upstream.apiKey ?? randomBytes(24).toString('base64url'),
    testHooks: config.upstream.testHooks,
    host: '127.0.0.1',
    port: config.upstream.port,
    maxPageSize: config.upstream.maxPageSize,
    logger: false,
  });
}

async function main(): Promise<void> {
  const config = loadConfig();
  // The key now lives only in `config`: nothing started later (the Vite build, plugins) can read it from env.
  delete process.env.CEKURA_API_KEY;
  delete process.env.EMULATOR_API_KEY;
  delete process.env.DATABASE_URL;
  const dataDirProblem = await checkDataDir(config.dataDir);
  if (dataDirProblem) throw new ConfigError(dataDirProblem);
  await checkCanStart({ dataDir: config.dataDir, databaseUrl: config.databaseUrl }, config.host, config.trustProxy);
  const build = await ensureSpaBuilt(ROOT);
  if (build === 'no-app') console.log('No index.html yet: serving the placeholder page.');

  const upstream = await startUpstream(config);
  const app = await buildAdminServer({
    upstreamUrl: upstream.url,
    apiKey: upstream.apiKey,
    mode: config.upstream.mode,
    timeoutMs: config.timeoutMs,
    distDir: path.join(ROOT, 'dist'),
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    logger: true,
    host: config.host,
    trustProxy: config.trustProxy,
  }).catch(async (error: unknown) => {
    await upstream.close().catch(() => {});
    throw error;
  });

  let closing = false;
  const shutdown = async (why: string) => {
    if (closing) return;
    closing = true;
    console.log(`Shutting down (${why})...`);
    // A stuck connection must not keep the process alive forever.
    setTimeout(() => process.exit(1), 5000).unref();
    await app.close().catch(() => {});
    // An idle client connection can hold the emulator's close until its headers timeout: do not wait for it.
    await Promise.race([upstream.close().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 2000))]);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  if (config.exitWithStdin) {
    process.stdin.on('close', () => void shutdown('stdin closed'));
    process.stdin.on('end', () => void shutdown('stdin closed'));
    process.stdin.resume();
  }

  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await upstream.close().catch(() => {});
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  console.log(`Console: http://${host}:${port}`);
  if (config.upstream.mode === 'emulator') console.log(`Emulator: ${upstream.url}`);
  else console.log(`Upstream: ${new URL(upstream.url).host} (live)`);
}

main().catch((error: unknown) => {
  const known =
    error instanceof ConfigError ||
    error instanceof NoUserError ||
    error instanceof DamagedStoreError ||
    error instanceof StoreOpenError;
  console.error(known ? error.message : `Failed to start: ${(error as Error)?.stack ?? String(error)}`);
  process.exit(1);
});
