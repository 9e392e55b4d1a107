import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { mintChatToken, TWILIO_TOKEN_TTL_SECONDS } from '../../../electron/main/tokens';
import { SECRET, twilioInput } from './fakes';

interface TwilioClaims {
  iss: string;
  sub: string;
  iat: number;
  exp: number;
  grants: { identity: string; chat: { service_sid: string } };
}

const verify = (token: string) => jwt.verify(token, SECRET, { algorithms: ['HS256'] }) as TwilioClaims;

describe('mintChatToken', () => {
  it('signs a Conversations token with identity, the service grant and a one-hour default TTL', () => {
    const claims = verify(mintChatToken(twilioInput));
    expect(claims.grants.identity).toBe('dana@example.com');
    expect(claims.grants.chat.service_sid).toBe(twilioInput.serviceSid);
    expect(claims.iss).toBe(twilioInput.apiKeySid);
    expect(claims.sub).toBe(twilioInput.accountSid);
    expect(claims.exp - claims.iat).toBe(TWILIO_TOKEN_TTL_SECONDS);
    expect(TWILIO_TOKEN_TTL_SECONDS).toBe(3600);
  });

  it('honours a configured TTL', () => {
    const claims = verify(mintChatToken({ ...twilioInput, ttlSeconds: 300 }));
    expect(claims.exp - claims.iat).toBe(300);
  });

  it('is signed with the API key secret (another secret does not verify)', () => {
    expect(() => jwt.verify(mintChatToken(twilioInput), 'another-secret')).toThrow(/signature/);
  });

  it('refuses a TTL that is not a positive whole number', () => {
    expect(() => mintChatToken({ ...twilioInput, ttlSeconds: 0 })).toThrow(/positive whole number/);
    expect(() => mintChatToken({ ...twilioInput, ttlSeconds: 1.5 })).toThrow(/positive whole number/);
  });
});
