import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { verifyAccessToken } from '../../../electron/emulator/auth/access-token';

const ACCOUNT = `AC${'1'.repeat(32)}`;
const KEY = `SK${'2'.repeat(32)}`;
const SERVICE = `IS${'3'.repeat(32)}`;
const SECRET = 'secret';
const keys = { accountSid: ACCOUNT, serviceSid: SERVICE, secretFor: (sid: string) => (sid === KEY ? SECRET : undefined) };
const NOW = 1_800_000_000;

const token = (claims: Record<string, unknown>) =>
  jwt.sign({ jti: `${KEY}-1`, iss: KEY, sub: ACCOUNT, grants: { identity: 'agent', chat: { service_sid: SERVICE } }, ...claims }, SECRET, {
    algorithm: 'HS256',
    header: { alg: 'HS256', typ: 'JWT', cty: 'twilio-fpa;v=1' } as jwt.JwtHeader,
  });
const verify = (claims: Record<string, unknown>) => verifyAccessToken(token(claims), keys, NOW * 1000);

describe('access tokens', () => {
  it('accepts a token that lives up to 24 hours', () => {
    expect(verify({ iat: NOW, exp: NOW + 3600 })).toMatchObject({ identity: 'agent', expiresAt: (NOW + 3600) * 1000 });
    expect(verify({ iat: NOW, exp: NOW + 24 * 3600 })).toMatchObject({ identity: 'agent' });
  });

  it.each([
    ['no exp', { iat: NOW }, 20104],
    ['a 25-hour lifetime', { iat: NOW, exp: NOW + 25 * 3600 }, 20104],
    ['exp more than 24 h away without iat', { exp: NOW + 48 * 3600 }, 20104],
    ['an old iat with a far exp', { iat: NOW - 3600, exp: NOW + 24 * 3600 }, 20104],
    ['expired', { iat: NOW - 7200, exp: NOW - 3600 }, 20104],
    ['nbf in the future', { iat: NOW, exp: NOW + 3600, nbf: NOW + 600 }, 20105],
    ['another account', { iat: NOW, exp: NOW + 3600, sub: `AC${'9'.repeat(32)}` }, 20101],
  ])("refuses %s with Twilio's %i", (_name, claims, code) => {
    expect(verify(claims)).toMatchObject({ code });
  });
});
