/**
 * Feeds main's team queue into one session's store: listen for changes first, then ask for the
 * snapshot, so nothing between the two is lost (changes that arrive before the snapshot wait for
 * it; the ones it already holds are skipped by version). A missing version means a change was
 * lost: take a snapshot again. Returns the teardown; the session runs it at end.
 */
import type { DeskBridge } from '../../../shared/ipc/contract';
import type { QueueChanges } from '../../../shared/ipc/team-schema';
import type { SessionScope } from '../session/scope';
import { createInputHold } from './input-hold';

export type TeamBridge = Pick<DeskBridge, 'teamQueue' | 'onTeamQueueChanged' | 'teamAgents'>;

export function bindTeamQueue(scope: Pick<SessionScope, 'store' | 'isLive'>, desk: TeamBridge): () => void {
  const state = () => scope.store.getState();
  let stopped = false;
  const live = () => !stopped && scope.isLive();
  /** Changes that came while a snapshot was on its way; null when none is. */
  let waiting: QueueChanges[] | null = null;

  const snapshot = (): void => {
    if (waiting !== null) return;
    waiting = [];
    desk
      .teamQueue()
      .then((r) => {
        if (!live()) return;
        const held = waiting ?? [];
        waiting = null;
        if (!r.ok) {
          console.warn('[team] queue unavailable', r.error.message);
          return;
        }
        state().applyQueueSnapshot(r.value);
        for (const changes of held) if (!apply(changes)) return;
      })
      .catch((e: unknown) => {
        waiting = null;
        console.warn('[team] queue unavailable', e);
      });
  };

  const apply = (changes: QueueChanges): boolean => {
    if (state().applyQueueChanges(changes)) return true;
    snapshot();
    return false;
  };

  // A delta re-derives views over up to 100,000 rows: not on the frame after the agent's key.
  const hold = createInputHold(typeof window === 'undefined' ? null : window);
  const off = desk.onTeamQueueChanged((changes) =>
    hold.run(() => {
      if (!live()) return;
      if (waiting !== null) waiting.push(changes);
      else apply(changes);
    }),
  );
  snapshot();

  desk
    .teamAgents()
    .then((r) => {
      if (live() && r.ok) state().setAgents(r.value.identities);
    })
    .catch((e: unknown) => console.warn('[team] agents unavailable', e));

  return () => {
    stopped = true;
    off();
    hold.dispose();
  };
}
