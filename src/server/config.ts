// Environment -> typed configuration for `npm start`. Every problem is reported at once, by variable name,
// so a misconfigured start fails with one readable message instead of a stack trace.
import path from 'node:path';
import { z } from 'zod';

const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);

const port = (name: string) =>
  z
    .string()
    .regex(/^\d{1,5}$/, `${name} must be a port number (0-65535)`)
    .transform(Number)
    .refine((n) => n <= 65535, `${name} must be a port number (0-65535)`);

const httpUrl = z
  .string()
  .refine((value) => URL.canParse(value), 'CEKURA_API_URL must be an absolute URL such as https://api.cekura.ai')
  .transform((value) => new URL(value))
  .refine((url) => url.protocol === 'https:' || url.protocol === 'http:', 'CEKURA_API_URL must use http or https')
  .refine(
    (url) => !url.search && !url.hash && !url.username && !url.password,
    'CEKURA_API_URL must not carry a query, fragment or credentials',
  )
  // Keep a path prefix (a gateway may mount the API below /) but never a trailing slash: paths are appended.
  .transform((url) => `${url.origin}${url.pathname.replace(/\/+$/, '')}`);

const databaseUrl = z
  .string()
  .refine((value) => URL.canParse(value), 'DATABASE_URL must be a URL such as postgres://user:password@host:5432/db')
  .refine(
    (value) => !URL.canParse(value) || ['postgres:', 'postgresql:'].includes(new URL(value).protocol),
    'DATABASE_URL must be a postgres:// (or postgresql://) URL',
  );

const envSchema = z.object({
  PORT: z.preprocess(emptyToUndefined, port('PORT').default(3000)),
  HOST: z.preprocess(emptyToUndefined, z.string().min(1).default('127.0.0.1')),
  CEKURA_API_KEY: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .min(8, 'CEKURA_API_KEY looks truncated (fewer than 8 characters)')
      .regex(/^[\x21-\x7e]+$/, 'CEKURA_API_KEY must be printable ASCII without spaces')
      .optional(),
  ),
  CEKURA_API_URL: z.preprocess(emptyToUndefined, httpUrl.default('https://api.cekura.ai')),
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./data')),
  // Set: history, users, sessions, login limits and the save lock in PostgreSQL (several replicas may share it).
  DATABASE_URL: z.preprocess(emptyToUndefined, databaseUrl.optional()),
  UPSTREAM_TIMEOUT_MS: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\d+$/, 'UPSTREAM_TIMEOUT_MS must be a whole number of milliseconds')
      .transform(Number)
      .refine((n) => n >= 100 && n <= 600_000, 'UPSTREAM_TIMEOUT_MS must be between 100 and 600000')
      .default(15000),
  ),
  // Behind N reverse proxies (https termination): believe X-Forwarded-Proto/-Host, and take the client address
  // from the N-th X-Forwarded-For entry from the right (the entries left of it are whatever the client sent).
  // Login is then required. `true` is read as 1, `false` as 0.
  TRUST_PROXY: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^(\d{1,2}|true|false)$/, 'TRUST_PROXY must be the number of proxies in front of the console (0-99)')
      .default('0')
      .transform((v) => (v === 'true' ? 1 : v === 'false' ? 0 : Number(v))),
  ),
  // Test support: a fixed port, test hooks and a known key for the embedded emulator.
  EMULATOR_PORT: z.preprocess(emptyToUndefined, port('EMULATOR_PORT').optional()),
  EMULATOR_TEST_HOOKS: z.preprocess(
    emptyToUndefined,
    z
      .enum(['0', '1', 'true', 'false'], 'EMULATOR_TEST_HOOKS must be 1 or 0')
      .default('0')
      .transform((v) => v === '1' || v === 'true'),
  ),
  EMULATOR_API_KEY: z.preprocess(
    emptyToUndefined,
    z.string().min(16, 'EMULATOR_API_KEY must have at least 16 characters').optional(),
  ),
  EMULATOR_MAX_PAGE_SIZE: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\d{1,4}$/, 'EMULATOR_MAX_PAGE_SIZE must be a whole number of rows (1-9999)')
      .transform(Number)
      .refine((n) => n >= 1, 'EMULATOR_MAX_PAGE_SIZE must be a whole number of rows (1-9999)')
      .optional(),
  ),
  // Test support: exit when stdin closes, so a spawned server dies with the process that spawned it.
  EXIT_WITH_STDIN: z.preprocess(
    emptyToUndefined,
    z
      .enum(['0', '1'])
      .default('0')
      .transform((v) => v === '1'),
  ),
});

export type AppConfig = ReturnType<typeof toConfig>;

function toConfig(env: z.infer<typeof envSchema>) {
  const live = env.CEKURA_API_KEY !== undefined;
  return {
    port: env.PORT,
    host: env.HOST,
    trustProxy: env.TRUST_PROXY,
    dataDir: path.resolve(env.DATA_DIR),
    databaseUrl: env.DATABASE_URL,
    timeoutMs: env.UPSTREAM_TIMEOUT_MS,
    exitWithStdin: env.EXIT_WITH_STDIN,
    upstream: live
      ? { mode: 'live' as const, url: env.CEKURA_API_URL, apiKey: env.CEKURA_API_KEY as string }
      : {
          mode: 'emulator' as const,
          port: env.EMULATOR_PORT ?? 0,
          testHooks: env.EMULATOR_TEST_HOOKS,
          apiKey: env.EMULATOR_API_KEY,
          maxPageSize: env.EMULATOR_MAX_PAGE_SIZE,
        },
  };
}

export class ConfigError extends Error {}

/** Parses the environment; throws ConfigError listing every invalid variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return toConfig(result.data);
}
