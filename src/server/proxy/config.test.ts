import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';

describe('loadConfig', () => {
  it('defaults to the embedded emulator on 127.0.0.1:3000', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', timeoutMs: 15000, exitWithStdin: false });
    expect(config.upstream).toEqual({ mode: 'emulator', port: 0, testHooks: false, apiKey: undefined });
    expect(config.dataDir).toMatch(/data$/);
  });

  it('uses the real API when a key is set, with the default or given URL (trailing slash dropped)', () => {
    expect(loadConfig({ CEKURA_API_KEY: 'live-key-123456' }).upstream).toEqual({
      mode: 'live',
      url: 'https://api.cekura.ai',
      apiKey: 'live-key-123456',
    });
    expect(
      loadConfig({ CEKURA_API_KEY: 'live-key-123456', CEKURA_API_URL: 'https://gw.example.com/cekura/' }).upstream,
    ).toMatchObject({
      url: 'https://gw.example.com/cekura',
    });
  });

  it('reads TRUST_PROXY as a number of proxies (true = 1) and refuses anything else', () => {
    expect(loadConfig({}).trustProxy).toBe(0);
    expect(['0', '1', '2', 'true', 'false'].map((v) => loadConfig({ TRUST_PROXY: v }).trustProxy)).toEqual([
      0, 1, 2, 1, 0,
    ]);
    expect(() => loadConfig({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY must be the number of proxies/);
  });

  it('takes DATABASE_URL as a postgres:// URL (unset or empty: SQLite) and refuses anything else', () => {
    expect(loadConfig({}).databaseUrl).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined();
    const url = 'postgres://console:secret@db.internal:5432/console';
    expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
    expect(loadConfig({ DATABASE_URL: 'postgresql://db/console' }).databaseUrl).toBe('postgresql://db/console');
    expect(() => loadConfig({ DATABASE_URL: 'mysql://db/console' })).toThrow(/DATABASE_URL must be a postgres:\/\//);
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL must be a URL/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ CEKURA_API_KEY: '', PORT: '' })).toMatchObject({ port: 3000, upstream: { mode: 'emulator' } });
  });

  it('reads the test variables', () => {
    const config = loadConfig({
      EMULATOR_PORT: '4010',
      EMULATOR_TEST_HOOKS: '1',
      EMULATOR_API_KEY: 'e2e-key-0123456789abcdef',
      EXIT_WITH_STDIN: '1',
    });
    expect(config.upstream).toEqual({
      mode: 'emulator',
      port: 4010,
      testHooks: true,
      apiKey: 'e2e-key-0123456789abcdef',
    });
    expect(config.exitWithStdin).toBe(true);
  });

  it('lists every invalid variable by name, without echoing the key', () => {
    let message = '';
    try {
      loadConfig({
        PORT: 'eighty',
        UPSTREAM_TIMEOUT_MS: '5s',
        CEKURA_API_URL: 'ftp://x',
        CEKURA_API_KEY: 'secret key with spaces',
        EMULATOR_TEST_HOOKS: 'yes',
      });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Invalid configuration:/);
    for (const name of ['PORT', 'UPSTREAM_TIMEOUT_MS', 'CEKURA_API_URL', 'CEKURA_API_KEY', 'EMULATOR_TEST_HOOKS'])
      expect(message).toContain(`${name}:`);
    expect(message).not.toContain('secret key with spaces');
  });

  it('rejects out-of-range ports', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
  });
});
