/**
 * Removes secrets from text before it reaches a log file or a diagnostics bundle. Pure and
 * pattern-based, plus exact values main knows to be secret (stored API key secrets, the
 * emulator's credentials): Twilio API key secrets are random text no pattern can recognise.
 */
export const REDACTED = '[redacted]';

// Three base64url segments starting with a JSON header ("eyJ" = '{"'): Twilio access tokens.
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
// `Authorization: Bearer x`, `"authorization":"Basic x"`, `authorization=x`.
const AUTHORIZATION = /\b((?:proxy-)?authorization)(["']?\s*[:=]\s*["']?)(?:(?:basic|bearer|token|digest)\s+)?[^\s"',;}]+/gi;
// Any key that ends in secret, token or password: apiKeySecret, authToken, accessToken, password…
const SECRET_FIELD = /\b([\w-]*(?:secret|token|password|passwd))(["']?\s*[:=]\s*["']?)(?!\[redacted\])[^\s"',;}&]+/gi;
// user:password@ in URLs.
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+@/gi;
// A bare 32-hex value is how Twilio auth tokens look; SIDs (two letters + 32 hex) are not touched.
const BARE_HEX32 = /(?<![A-Za-z0-9])[0-9a-f]{32}(?![0-9A-Za-z])/g;

const MIN_KNOWN_SECRET_LENGTH = 6;

export function redact(text: string, knownSecrets: readonly string[] = []): string {
  let out = text;
  // Longest first so a secret containing another is removed whole.
  for (const secret of [...knownSecrets].sort((a, b) => b.length - a.length)) {
    if (secret.length >= MIN_KNOWN_SECRET_LENGTH) out = out.split(secret).join(REDACTED);
  }
  return out
    .replace(JWT, REDACTED)
    .replace(AUTHORIZATION, `$1$2${REDACTED}`)
    .replace(SECRET_FIELD, `$1$2${REDACTED}`)
    .replace(URL_CREDENTIALS, `$1${REDACTED}@`)
    .replace(BARE_HEX32, REDACTED);
}

const SECRET_KEY = /(secret|token|password|passwd|authorization|cookie)$/i;
const MAX_DEPTH = 6;

/**
 * The same for anything a logger receives: strings, errors (message and stack), and objects,
 * whose secret-named fields are replaced whatever their value. Returns plain data.
 */
export function redactValue(value: unknown, knownSecrets: readonly string[] = [], depth = 0): unknown {
  if (typeof value === 'string') return redact(value, knownSecrets);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[…]';
  if (value instanceof Error) {
    const copy = new Error(redact(value.message, knownSecrets));
    copy.name = value.name;
    copy.stack = value.stack === undefined ? undefined : redact(value.stack, knownSecrets);
    return copy;
  }
  if (Array.isArray(value)) return value.map((item) => redactValue(item, knownSecrets, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) && item !== null && item !== undefined ? REDACTED : redactValue(item, knownSecrets, depth + 1);
  }
  return out;
}
