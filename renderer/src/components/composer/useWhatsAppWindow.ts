/**
 * The WhatsApp window of a conversation, kept current: from the newest message of its WhatsApp
 * participant among the loaded ones (paging back with the SDK when none of them is theirs), in
 * the service's clock, redrawn when what it says changes (a timer to the next hour, minute or the
 * window's end) and when the customer writes again (their message lands in the store).
 */
import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { nextChangeIn, windowState, type WindowState } from '../../../../shared/domain/whatsapp-window';
import { useActions, useDeskStore } from '../../store';
import type { DeskState } from '../../store';

export type WhatsAppWindow = { applies: false } | { applies: true; checking: boolean; state: WindowState };

const whatsappSids = (s: DeskState, sid: string): string[] =>
  (s.participants.get(sid) ?? []).filter((p) => p.type === 'whatsapp').map((p) => p.sid);

/** The newest loaded message written by one of `authors` (its date), or null. */
function newestLoaded(s: DeskState, sid: string, authors: readonly string[]): number | null {
  const items = s.threads.get(sid)?.items ?? [];
  for (let i = items.length - 1; i >= 0; i--) {
    const m = items[i];
    if (m && m.participantSid !== null && authors.includes(m.participantSid) && m.date !== null) return m.date;
  }
  return null;
}

export function useWhatsAppWindow(sid: string): WhatsAppWindow {
  const { lastInboundBefore } = useActions();
  const authors = useDeskStore(useShallow((s) => whatsappSids(s, sid)));
  const loaded = useDeskStore((s) => newestLoaded(s, sid, authors));
  const threadReady = useDeskStore((s) => {
    const t = s.threads.get(sid);
    return t !== undefined && t.loading !== 'initial';
  });
  const hasOlder = useDeskStore((s) => s.threads.get(sid)?.hasOlder ?? false);
  const offset = useDeskStore((s) => s.serverOffsetMs);
  const [paged, setPaged] = useState<{ key: string; found: number | null } | null>(null);
  /** This computer's time when the hook last looked; timers move it on. */
  const [now, setNow] = useState(() => Date.now());
  const applies = authors.length > 0;
  const needsPaging = applies && threadReady && loaded === null && hasOlder;
  const authorsKey = authors.join(',');
  const pageKey = `${sid}|${authorsKey}`;

  useEffect(() => {
    if (!needsPaging) return;
    let current = true;
    void lastInboundBefore(sid, authorsKey.split(','), Date.now() + offset).then((found) => {
      if (current) setPaged({ key: `${sid}|${authorsKey}`, found });
    });
    return () => {
      current = false;
    };
    // The offset only moves the search's horizon a little; a new search for each change is waste.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [needsPaging, sid, authorsKey, lastInboundBefore]);

  const pagedFound = paged?.key === pageKey ? paged.found : null;
  const lastInbound = loaded ?? (needsPaging ? pagedFound : null);
  const checking = applies && (!threadReady || (needsPaging && paged?.key !== pageKey));
  // A message newer than the last look is proof the clock has moved at least that far.
  const serverNow = Math.max(now + offset, lastInbound ?? Number.NEGATIVE_INFINITY);
  const state = useMemo(() => windowState(lastInbound, serverNow), [lastInbound, serverNow]);

  useEffect(() => {
    // Stale (the customer wrote, or the hook slept while closed): look at the clock again now;
    // otherwise wake when what the line says changes, or the window closes.
    const stale = Date.now() - now > 1000;
    // Clamped above: the clock is read again once it has caught up with that message.
    const ahead = lastInbound !== null && lastInbound > now + offset ? lastInbound - (now + offset) + 1 : null;
    const wait = stale ? 0 : (ahead ?? (state.open ? nextChangeIn(state.leftMs) : null));
    if (wait === null) return;
    const timer = setTimeout(() => setNow(Date.now()), Math.min(wait, 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [state, now, lastInbound, offset]);

  return applies ? { applies: true, checking, state } : { applies: false };
}
