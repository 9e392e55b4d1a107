/**
 * The renderer's copy of the active profile's canned responses: loaded from main the first time
 * the composer's picker or Settings needs it, replaced by whatever main answers after a change,
 * so the picker shows an edit made in Settings at once.
 */
import { useEffect } from 'react';
import { createStore, useStore } from 'zustand';
import type { CannedResponse } from '../../../../shared/ipc/team-schema';
import { getDesk, hasDesk } from '../../platform/desk';
import { useDeskStore } from '../../store';

interface CannedListState {
  /** The profile the items belong to; null before the first load. */
  profileId: string | null;
  items: CannedResponse[];
  error: string | null;
}

export const cannedList = createStore<CannedListState>(() => ({ profileId: null, items: [], error: null }));

let loading: { profileId: string; run: Promise<void> } | null = null;

/** Loads the profile's list unless it is already here (or on its way). */
export function loadCanned(profileId: string, force = false): Promise<void> {
  if (!force && cannedList.getState().profileId === profileId) return Promise.resolve();
  if (!force && loading?.profileId === profileId) return loading.run;
  if (!hasDesk()) return Promise.resolve();
  const run = getDesk()
    .listCannedResponses()
    .then(
      (r) => {
        if (r.ok) cannedList.setState({ profileId, items: r.value.items, error: null });
        else cannedList.setState({ profileId, items: [], error: r.error.message });
      },
      (e: unknown) => cannedList.setState({ error: (e as Error).message }),
    )
    .finally(() => {
      if (loading?.run === run) loading = null;
    });
  loading = { profileId, run };
  return run;
}

export function setCannedItems(profileId: string, items: CannedResponse[]): void {
  cannedList.setState({ profileId, items, error: null });
}

/** The active profile's responses, loaded when `enabled` first becomes true. */
export function useCannedResponses(enabled = true): CannedListState & { activeProfileId: string | null } {
  const activeProfileId = useDeskStore((s) => s.session?.profileId ?? null);
  useEffect(() => {
    if (enabled && activeProfileId) void loadCanned(activeProfileId);
  }, [enabled, activeProfileId]);
  const state = useStore(cannedList);
  // Another profile's list is never shown, even for the moment before the new one loads.
  return state.profileId === activeProfileId ? { ...state, activeProfileId } : { profileId: null, items: [], error: null, activeProfileId };
}

/** Best matches first: names that start with the query, then names that contain it. */
export function matchCanned(items: readonly CannedResponse[], query: string): CannedResponse[] {
  const q = query.toLocaleLowerCase();
  const starts = items.filter((i) => i.name.toLocaleLowerCase().startsWith(q));
  const contains = items.filter((i) => !i.name.toLocaleLowerCase().startsWith(q) && i.name.toLocaleLowerCase().includes(q));
  return [...starts, ...contains];
}
