import jwt from 'jsonwebtoken';

/** What the emulator learns from a verified Twilio access token. */
export interface VerifiedToken {
  identity: string;
  serviceSid: string;
  apiKeySid: string;
  accountSid: string;
  expiresAt: number;
}

/**
 * Why a token was refused, with Twilio's code: 20104 "Access Token expired or expiration date
 * invalid" (also for no `exp` or one more than 24 hours out; the SDK treats it as expiry and asks
 * for a new token), 20105 "Access Token not yet valid", 20101 "Invalid Access Token".
 */
export type TokenFailure =
  | { kind: 'expired'; code: 20104; message: string }
  | { kind: 'not-yet-valid'; code: 20105; message: string }
  | { kind: 'invalid'; code: 20101; message: string };

/** Twilio access tokens live at most 24 hours. */
export const MAX_TOKEN_TTL_SECONDS = 24 * 60 * 60;
const CLOCK_TOLERANCE_SECONDS = 5;

const invalid = (message: string): TokenFailure => ({ kind: 'invalid', code: 20101, message });
const expired = (message: string): TokenFailure => ({ kind: 'expired', code: 20104, message });

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
  iat?: number;
  grants?: { identity?: string; chat?: { service_sid?: string } };
}

/**
 * Verifies a token as Twilio does: HS256 signed with the API key secret named by `iss`,
 * `sub` the account, a chat grant for this service, an identity, and an `exp` at most 24 hours
 * after it was issued (and from now).
 */
export function verifyAccessToken(token: string, keys: TokenKeys, now: number = Date.now()): VerifiedToken | TokenFailure {
  const decoded = jwt.decode(token, { complete: true });
  if (!decoded || typeof decoded.payload === 'string') return invalid('Access token is not a JWT');
  const claims = decoded.payload as TwilioClaims;
  const apiKeySid = typeof claims.iss === 'string' ? claims.iss : '';
  const secret = keys.secretFor(apiKeySid);
  if (!secret) return invalid(`Unknown API key ${apiKeySid.slice(0, 40) || '(none)'} in token issuer`);
  try {
    jwt.verify(token, secret, { algorithms: ['HS256'], clockTolerance: CLOCK_TOLERANCE_SECONDS, clockTimestamp: Math.floor(now / 1000) });
  } catch (err) {
    if (err instanceof jwt.TokenExpiredError) return expired('Access token expired');
    if (err instanceof jwt.NotBeforeError) return { kind: 'not-yet-valid', code: 20105, message: 'Access token not yet valid' };
    return invalid('Invalid access token signature');
  }
  const exp = claims.exp;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return expired('Access token has no expiration (exp)');
  const issued = typeof claims.iat === 'number' && Number.isFinite(claims.iat) ? Math.min(claims.iat, now / 1000) : now / 1000;
  if (exp - issued > MAX_TOKEN_TTL_SECONDS + CLOCK_TOLERANCE_SECONDS || exp - now / 1000 > MAX_TOKEN_TTL_SECONDS + CLOCK_TOLERANCE_SECONDS) {
    return expired('Access token expiration is more than 24 hours after it was issued');
  }
  if (claims.sub !== keys.accountSid) return invalid('Access token is for another account');
  const identity = claims.grants?.identity;
  if (typeof identity !== 'string' || !identity) return invalid('Access token has no identity');
  const serviceSid = claims.grants?.chat?.service_sid;
  if (typeof serviceSid !== 'string' || !serviceSid) return invalid('Access token has no chat grant');
  if (serviceSid !== keys.serviceSid) return invalid(`Access token grants service ${serviceSid.slice(0, 40)}, not ${keys.serviceSid}`);
  return { identity, serviceSid, apiKeySid, accountSid: keys.accountSid, expiresAt: exp * 1000 };
}
