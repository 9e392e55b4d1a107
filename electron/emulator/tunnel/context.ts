import type { SyncSubscriber } from '../sync/types';

/** A tunnelled HTTP request arriving over twilsock, with the caller's verified identity. */
export interface UpstreamContext {
  identity: string;
  connection: SyncSubscriber & {
    /** Runs after the reply to the current request has been written. */
    afterReply(fn: () => void): void;
  };
  query: Record<string, string>;
  body: Record<string, unknown>;
}
