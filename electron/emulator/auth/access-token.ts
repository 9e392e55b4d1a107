import jwt from 'jsonwebtoken';

/** What the emulator learns from a verified Twilio access token. */
export interface VerifiedToken {
  identity: string;
  serviceSid: string;
  apiKeySid: string;
  accountSid: string;
  expiresAt: number;
}

export type TokenFailure =
  | { kind: 'expired'; message: string }
  | { kind: 'invalid'; message: string };

export interface TokenKeys {
  accountSid: string;
  serviceSid: string;
  /** API key SID → secret; a token signed by any known key is accepted. */
  secretFor(apiKeySid: string): string | undefined;
}

interface TwilioClaims {
  iss?: string;
  sub?: string;
  exp?: number;
  nbf?: number;
  grants?: { identity?: string; chat?: { service_sid?: string } };
}

/**
 * Verifies a token as Twilio does: HS256 signed with the API key secret named by `iss`,
 * `sub` the account, a chat grant for this service, and an identity.
 */
export function verifyAccessToken(token: string, keys: TokenKeys): VerifiedToken | TokenFailure {
  const decoded = jwt.decode(token, { complete: true });
  if (!decoded || typeof decoded.payload === 'string') return { kind: 'invalid', message: 'Access token is not a JWT' };
  const claims = decoded.payload as TwilioClaims;
  const apiKeySid = claims.iss ?? '';
  const secret = keys.secretFor(apiKeySid);
  if (!secret) return { kind: 'invalid', message: `Unknown API key ${apiKeySid || '(none)'} in token issuer` };
  try {
    jwt.verify(token, secret, { algorithms: ['HS256'], clockTolerance: 5 });
  } catch (err) {
    if (err instanceof jwt.TokenExpiredError) return { kind: 'expired', message: 'Access token expired' };
    if (err instanceof jwt.NotBeforeError) return { kind: 'invalid', message: 'Access token not yet valid' };
    return { kind: 'invalid', message: 'Invalid access token signature' };
  }
  if (claims.sub !== keys.accountSid) return { kind: 'invalid', message: 'Access token is for another account' };
  const identity = claims.grants?.identity;
  if (!identity) return { kind: 'invalid', message: 'Access token has no identity' };
  const serviceSid = claims.grants?.chat?.service_sid;
  if (!serviceSid) return { kind: 'invalid', message: 'Access token has no chat grant' };
  if (serviceSid !== keys.serviceSid) return { kind: 'invalid', message: `Access token grants service ${serviceSid}, not ${keys.serviceSid}` };
  return { identity, serviceSid, apiKeySid, accountSid: keys.accountSid, expiresAt: (claims.exp ?? 0) * 1000 };
}
