import { timingSafeEqual } from 'node:crypto';
import type { Credentials } from '../auth/credentials';
import { TwilioError } from '../util/errors';

const same = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * HTTP Basic auth as Twilio's REST API takes it: an API key SID and secret, or the Account SID
 * and auth token. Anything else is Twilio's 401 `20003 Authenticate`.
 */
export function checkBasicAuth(header: string | undefined, creds: Credentials): void {
  const match = /^Basic\s+(.+)$/i.exec(header ?? '');
  const decoded = match?.[1] ? Buffer.from(match[1], 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  const user = colon >= 0 ? decoded.slice(0, colon) : '';
  const pass = colon >= 0 ? decoded.slice(colon + 1) : '';
  const ok = (user === creds.apiKeySid && same(pass, creds.apiKeySecret)) || (user === creds.accountSid && same(pass, creds.authToken));
  if (!ok) throw new TwilioError(401, 20003, 'Authenticate');
}
