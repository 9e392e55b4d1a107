/**
 * Where drafts used to live: plain localStorage. Drafts now live in main's encrypted outbox store
 * (sdk/outbox-drafts.ts); this reads what an older version left behind, once, so it can be moved
 * there and then removed. Failures (private mode, tests without storage) just mean nothing to move.
 */
const KEY = 'conversations-desk:drafts:v1';

export function takeLegacyDrafts(): Map<string, string> {
  try {
    const raw = globalThis.localStorage?.getItem(KEY);
    if (!raw) return new Map();
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return new Map();
    return new Map(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
  } catch {
    return new Map();
  }
}

export function clearLegacyDrafts(): void {
  try {
    globalThis.localStorage?.removeItem(KEY);
  } catch {
    // Nothing to remove, or no storage at all.
  }
}

export const legacyDrafts = { take: takeLegacyDrafts, clear: clearLegacyDrafts };
