import type { SearchIndexRequest, SearchQueryRequest, SearchResult } from '../../../shared/ipc/search-schema';

/** The active profile's message search, kept by main (electron/main/search/message-search.ts). */
export interface SearchPort {
  /** Adds (or replaces) messages and drops removed ones; `indexed` is 0 when `profileId` is not the active profile. */
  index(request: SearchIndexRequest): Promise<{ indexed: number }>;
  /** Best matching message per conversation, best first; none for a profile that is not active. */
  query(request: SearchQueryRequest): Promise<SearchResult>;
}

/** Until wired: nothing is kept and nothing is found, so the inbox searches by name only. */
export const inertSearch: SearchPort = {
  index: async () => ({ indexed: 0 }),
  query: async () => ({ hits: [] }),
};
