import { randomFillSync } from 'node:crypto';

/**
 * Random bytes for sids, drawn from the CSPRNG 4 KB at a time: one randomBytes call per sid was
 * a tenth of the time of seeding a 100,000-conversation service. Each byte is used once.
 */
const pool = Buffer.alloc(4096);
let used = pool.length;

/** Twilio-style SID: two-letter prefix + 32 lowercase hex characters. */
export const newSid = (prefix: string): string => {
  if (used === pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const sid = prefix + pool.toString('hex', used, used + 16);
  used += 16;
  return sid;
};

export const SID_PATTERN = (prefix: string): RegExp => new RegExp(`^${prefix}[0-9a-f]{32}$`);
