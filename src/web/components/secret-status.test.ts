import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SECRET_FIELDS } from '../../shared/schemas/project';
import { maskSecretValue, PROVIDER_KEY_FIELDS, secretStatus, statusText } from './secret-status';

describe('secret fields', () => {
  it('lists exactly the registry secrets (the six provider keys, syntflow spelling, and webhook_secret)', () => {
    expect([...PROVIDER_KEY_FIELDS, 'webhook_secret'].sort()).toEqual([...SECRET_FIELDS].sort());
    expect(PROVIDER_KEY_FIELDS).toContain('syntflow_api_key');
  });
});

describe('maskSecretValue', () => {
  it('shows at most the last 4 characters, and at most a third of the secret', () => {
    expect(maskSecretValue('whsec_abcdefgh1234')).toBe('••••1234');
    expect(maskSecretValue('abcdef')).toBe('••••ef');
    expect(maskSecretValue('ab')).toBe('••••');
  });

  it('never contains more than 4 characters of the secret, nor the secret itself', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 80 }), (secret) => {
        const masked = maskSecretValue(secret);
        const shown = masked.slice('••••'.length);
        expect(masked.startsWith('••••')).toBe(true);
        expect(shown.length).toBeLessThanOrEqual(Math.min(4, secret.length / 3));
        expect(secret.endsWith(shown)).toBe(true);
      }),
    );
  });
});

describe('secretStatus', () => {
  it('reads the *_configured flag per the project decision (true, "true", non-empty strings other than "false")', () => {
    expect(secretStatus({ id: 1, retell_api_key_configured: true }, 'retell_api_key')).toEqual({ configured: true });
    expect(secretStatus({ id: 1, retell_api_key_configured: 'yes' }, 'retell_api_key')).toEqual({ configured: true });
    expect(secretStatus({ id: 1, retell_api_key_configured: 'false' }, 'retell_api_key')).toEqual({
      configured: false,
    });
    expect(secretStatus({ id: 1, retell_api_key_configured: '' }, 'retell_api_key')).toEqual({ configured: false });
    expect(secretStatus({ id: 1 }, 'retell_api_key')).toEqual({ configured: false });
  });

  it('treats a secret returned in clear (legacy API) as configured and only exposes its mask', () => {
    const status = secretStatus(
      { id: 1, webhook_secret: 's3cret-value-9876', webhook_secret_configured: undefined },
      'webhook_secret',
    );
    expect(status).toEqual({ configured: true, masked: '••••9876' });
    expect(statusText(status)).toBe('Configured (••••9876)');
    expect(statusText({ configured: false })).toBe('Not set');
  });
});
