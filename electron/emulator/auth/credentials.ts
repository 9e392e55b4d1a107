import { randomBytes } from 'node:crypto';
import type { Db } from '../store/db';
import { newSid } from '../util/ids';

/** The emulated account's credentials: generated once per data dir, then stable. */
export interface Credentials {
  accountSid: string;
  authToken: string;
  apiKeySid: string;
  apiKeySecret: string;
  serviceSid: string;
  messagingServiceSid: string;
}

export function loadOrCreateCredentials(db: Db): Credentials {
  const meta = db.collection<Credentials>('meta');
  const existing = meta.get('credentials');
  if (existing) return existing;
  const creds: Credentials = {
    accountSid: newSid('AC'),
    authToken: randomBytes(16).toString('hex'),
    apiKeySid: newSid('SK'),
    apiKeySecret: randomBytes(16).toString('hex'),
    serviceSid: newSid('IS'),
    messagingServiceSid: newSid('MG'),
  };
  meta.put('credentials', creds);
  db.commit();
  return creds;
}
