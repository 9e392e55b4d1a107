/**
 * The launch's first request. The entry script asks main for the kept inbox's first screen before
 * the app's own code has loaded, so main reads it while Chromium compiles and runs that code; the
 * session then takes this answer instead of asking again. Nothing here may import the app's
 * modules (the store, the contract's schemas, React): it runs before they have loaded.
 */
import type { IpcResult } from '../../../shared/ipc/contract';
import type { InboxCache } from '../../../shared/ipc/inbox-cache-schema';
import { browserBridgeOrigin } from '../platform/bridge-url';
import { getDesk, hasDesk } from '../platform/desk';
import { invokeOverHttp } from '../platform/http-invoke';

type Kept = { profileId: string; cache: InboxCache } | null;

let early: Promise<Kept> | null = null;

const keptOrNull = (r: IpcResult<Kept>): Kept => (r.ok ? r.value : null);

/** Asks for the first screen of the copy main kept, once, if there is a main to ask. */
export function askEarlyForFirstScreen(): void {
  if (early) return;
  const request = { part: 'first-screen' } as const;
  let answer: Promise<IpcResult<Kept>> | null = null;
  if (hasDesk()) answer = getDesk().loadInboxCache(request);
  else {
    const origin = browserBridgeOrigin();
    if (origin) answer = invokeOverHttp(origin, 'inboxCache:load', request) as Promise<IpcResult<Kept>>;
  }
  early = answer?.then(keptOrNull, (e: unknown) => {
    // A cache is optional: the launch goes on without it.
    console.warn('[inbox-cache] not restored', e);
    return null;
  }) ?? null;
}

/** The early answer, handed out once (a later restart asks main again); null if none was asked for. */
export function takeEarlyFirstScreen(): Promise<Kept> | null {
  const taken = early;
  early = null;
  return taken;
}
