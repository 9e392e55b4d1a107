import { describe, expect, it } from 'vitest';
import { REDACTED, redact, redactValue } from '../../../../electron/main/logging/redact';

const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImN0eSI6InR3aWxpby1mcGE7dj0xIn0.eyJqdGkiOiJTSzEyMyIsImdyYW50cyI6e319.c2lnbmF0dXJlLWJ5dGVzLWhlcmU';
const AUTH_TOKEN = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';
const ACCOUNT_SID = `AC${'0f1e2d3c4b5a69788796a5b4c3d2e1f0'}`;

describe('redact', () => {
  it.each([
    ['a JWT access token', `token refreshed: ${JWT}`],
    ['a Bearer Authorization header', `Authorization: Bearer ${JWT}`],
    ['a Basic Authorization header', 'authorization: Basic QUMxMjM6c2VjcmV0cGFzcw=='],
    ['Authorization in JSON', '{"Authorization":"Basic QUMxMjM6c2VjcmV0cGFzcw=="}'],
    ['an apiKeySecret field', '{"apiKeySecret":"S3cr3t-value-9f3a"}'],
    ['an auth_token query parameter', 'GET /x?auth_token=S3cr3t-value-9f3a&page=2'],
    ['a password assignment', 'password=S3cr3t-value-9f3a'],
    ['credentials in a URL', 'https://SK123:S3cr3t-value-9f3a@api.twilio.com/v1'],
  ])('removes %s', (_label, text) => {
    const out = redact(text);
    expect(out).toContain(REDACTED);
    expect(out).not.toContain('S3cr3t-value-9f3a');
    expect(out).not.toContain('QUMxMjM6c2VjcmV0cGFzcw');
    expect(out).not.toContain('c2lnbmF0dXJl');
  });

  it('removes a bare auth token but keeps SIDs, which support needs', () => {
    const out = redact(`account ${ACCOUNT_SID} token ${AUTH_TOKEN} conversation CH${'a'.repeat(32)}`);
    expect(out).toContain(ACCOUNT_SID);
    expect(out).toContain(`CH${'a'.repeat(32)}`);
    expect(out).not.toMatch(new RegExp(`(?<!AC)${AUTH_TOKEN}`));
  });

  it('removes known secret values wherever they appear', () => {
    const secret = 'q8Zr2LmN0pWx7Ys4Tt1Kv9Hb3Jd6Fg5c';
    expect(redact(`twilio said: bad signature for ${secret}!`, [secret])).toBe(`twilio said: bad signature for ${REDACTED}!`);
  });

  it('leaves ordinary log lines alone', () => {
    const line = 'ipc: refused profiles:list from file:///tmp/evil.html; tokenAboutToExpire fired';
    expect(redact(line)).toBe(line);
  });
});

describe('redactValue', () => {
  it('replaces secret-named fields in objects, whatever their value, and redacts errors', () => {
    const error = new Error(`initFailed with ${JWT}`);
    const out = redactValue({ profile: { name: 'Support', apiKeySecret: 'x', authToken: 12345 }, headers: { Authorization: 'Basic abc' }, error }) as Record<string, never>;
    expect(JSON.stringify(out)).not.toMatch(/"x"|12345|Basic abc/);
    expect(out).toMatchObject({ profile: { name: 'Support', apiKeySecret: REDACTED, authToken: REDACTED }, headers: { Authorization: REDACTED } });
    const redactedError = (out as unknown as { error: Error }).error;
    expect(redactedError).toBeInstanceOf(Error);
    expect(redactedError.message).toBe(`initFailed with ${REDACTED}`);
    expect(redactedError.stack).not.toContain('eyJ');
  });
});
