/**
 * Drafts survive reloads and profile switches via localStorage. Failures (quota, private mode,
 * tests without storage) only lose persistence, never the draft being typed.
 */
const KEY = 'conversations-desk:drafts:v1';

export function loadDrafts(): Map<string, string> {
  try {
    const raw = globalThis.localStorage?.getItem(KEY);
    if (!raw) return new Map();
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return new Map();
    return new Map(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return new Map();
  }
}

export function saveDrafts(drafts: ReadonlyMap<string, string>): void {
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify(Object.fromEntries(drafts)));
  } catch {
    // Persistence is best effort; the in-memory draft is still there.
  }
}
