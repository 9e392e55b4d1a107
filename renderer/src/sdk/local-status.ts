/**
 * Main runs the Local workspace's emulator in a process of its own and opens the window before it
 * is up; the session request is answered once it is. Meanwhile the banner says what is happening,
 * and if main gave up restarting it, why.
 */
import type { DeskBridge, LocalStatus } from '../../../shared/ipc/contract';
import type { DeskStore } from '../store';

export const STARTING_LOCAL_WORKSPACE = 'Starting the Local workspace…';

/** `currentStore` is read at each report: the session on screen may have changed since. */
export function followLocalWorkspace(desk: DeskBridge, currentStore: () => DeskStore): () => void {
  const show = (status: LocalStatus) => {
    const { connection, session, setConnection } = currentStore().getState();
    // Only while the first session is awaited: later, the SDK's own connection states tell the story.
    if (status.state === 'starting' && connection.status === 'connecting' && !session) setConnection('connecting', STARTING_LOCAL_WORKSPACE);
    else if (status.state === 'failed' && session?.kind === 'local') setConnection('error', status.message);
  };
  // Asked as well as followed: the emulator may have started (or failed) before this page listened.
  desk
    .localStatus()
    .then((result) => result.ok && show(result.value))
    .catch(() => undefined);
  return desk.onLocalStatusChanged(show);
}
