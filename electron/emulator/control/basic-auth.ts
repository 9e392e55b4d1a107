import { timingSafeEqual } from 'node:crypto';
import type { Credentials } from '../auth/credentials';
import type { HttpRequest } from '../http/request';
import { TwilioError } from '../util/errors';

/** Constant-time string comparison that also tolerates different lengths. */
function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Checks HTTP Basic auth the way Twilio's REST API does: either `accountSid:authToken` or
 * `apiKeySid:apiKeySecret`. Throws a 401 whose message says which part was wrong.
 */
export function requireBasicAuth(req: HttpRequest, creds: Credentials): void {
  const header = req.headers.authorization;
  const raw = Array.isArray(header) ? header[0] : header;
  if (!raw || !/^basic /i.test(raw)) {
    throw new TwilioError(401, 20003, 'Authenticate with HTTP Basic auth: accountSid:authToken or apiKeySid:apiKeySecret');
  }
  const decoded = Buffer.from(raw.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const user = colon >= 0 ? decoded.slice(0, colon) : decoded;
  const secret = colon >= 0 ? decoded.slice(colon + 1) : '';
  const expected = same(user, creds.accountSid) ? creds.authToken : same(user, creds.apiKeySid) ? creds.apiKeySecret : null;
  if (expected === null) throw new TwilioError(401, 20003, `Unknown username ${JSON.stringify(user.slice(0, 40))}: use this emulator's accountSid or apiKeySid`);
  if (!same(secret, expected)) throw new TwilioError(401, 20003, 'Wrong password for that username: use the authToken (account) or apiKeySecret (API key)');
}
