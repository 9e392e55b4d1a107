import { createHmac } from 'node:crypto';

/**
 * `X-Twilio-Signature` exactly as Twilio computes it, so consumers can keep validating with
 * twilio's own `validateRequest`: HMAC-SHA1 keyed with the account's auth token over the full
 * URL followed by every POST parameter sorted by name, name and value concatenated, base64.
 * For GET the parameters are already in the URL and nothing is appended.
 */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  let data = url;
  for (const key of Object.keys(params).sort()) data += key + params[key];
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf-8')).digest('base64');
}
