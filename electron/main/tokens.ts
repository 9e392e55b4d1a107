import AccessToken from 'twilio/lib/jwt/AccessToken';

/** Twilio's own default; the renderer refreshes on the SDK's tokenAboutToExpire. */
export const TWILIO_TOKEN_TTL_SECONDS = 3600;

export interface ChatTokenRequest {
  accountSid: string;
  apiKeySid: string;
  apiKeySecret: string;
  serviceSid: string;
  identity: string;
  ttlSeconds?: number;
}

/**
 * A Conversations access token, made exactly as a Twilio backend would (AccessToken + ChatGrant),
 * so the emulator and real Twilio receive the same kind of token.
 */
export function mintChatToken({ accountSid, apiKeySid, apiKeySecret, serviceSid, identity, ttlSeconds }: ChatTokenRequest): string {
  const ttl = ttlSeconds ?? TWILIO_TOKEN_TTL_SECONDS;
  if (!Number.isInteger(ttl) || ttl <= 0) throw new Error(`Token TTL must be a positive whole number of seconds, got ${ttl}`);
  const token = new AccessToken(accountSid, apiKeySid, apiKeySecret, { identity, ttl });
  token.addGrant(new AccessToken.ChatGrant({ serviceSid }));
  return token.toJwt();
}
