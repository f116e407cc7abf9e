import { describe, expect, test } from 'vitest';
import { createChannels, deliverySettingsSchema, resolveSmtpAuth } from '../../src/deliver/index.js';

describe('delivery settings', () => {
  test('defaults: bounded retries and timeouts, no e-mail until configured', () => {
    const settings = deliverySettingsSchema.parse({});
    expect(settings.retry).toEqual({ maxAttempts: 5, baseDelayMs: 30_000, maxDelayMs: 3_600_000 });
    expect(settings.webhook.timeoutMs).toBe(30_000);
    expect(settings.email).toBeUndefined();
    expect(Object.keys(createChannels(settings)).sort()).toEqual(['file', 'webhook']);

    const withEmail = deliverySettingsSchema.parse({ email: { host: 'smtp.example.org', from: 'news@example.org' } });
    expect(withEmail.email).toMatchObject({ port: 587, secure: false, requireTLS: false, connectionTimeoutMs: 15_000, socketTimeoutMs: 60_000 });
    expect(Object.keys(createChannels(withEmail)).sort()).toEqual(['email', 'file', 'webhook']);
  });

  test('unknown keys and bad values are refused', () => {
    expect(deliverySettingsSchema.safeParse({ email: { host: 'h', from: 'a@b.c', pasword: 'x' } }).success).toBe(false);
    expect(deliverySettingsSchema.safeParse({ retry: { maxAttempts: 0 } }).success).toBe(false);
  });

  test('SMTP credentials: the environment wins; half a pair is an error that says how to fix it', () => {
    expect(resolveSmtpAuth({ user: 'file-user', pass: 'file-pass' }, {})).toEqual({ user: 'file-user', pass: 'file-pass' });
    expect(resolveSmtpAuth({ user: 'file-user', pass: 'file-pass' }, { BRIEFING_SMTP_USER: 'env-user', BRIEFING_SMTP_PASS: 'env-pass' })).toEqual({
      user: 'env-user',
      pass: 'env-pass',
    });
    expect(resolveSmtpAuth({}, {})).toBeUndefined();
    expect(() => resolveSmtpAuth({ user: 'only-user' }, {})).toThrow(/BRIEFING_SMTP_PASS/);
  });
});
