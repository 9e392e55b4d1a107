/**
 * "Earlier conversations with this customer": a customer who writes after a resolve gets a new
 * conversation (closed is final in Twilio), so the thread links to the ones before it, newest
 * first, named and dated so the agent can tell them apart. Main computes the links from the
 * customer's address (the queue row's `previous`).
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { getDesk } from '../../platform/desk';
import { openInboxRow } from '../../keyboard/inbox-keys';
import { useDeskStore, useDeskStoreApi } from '../../store';
import { conversationTitle } from '../../store/selectors';
import { teamInfo } from '../../store/views';
import { formatDay } from '../common/format';
import { queueRowTitle } from './QueueRow';
import './views.css';

const NONE: readonly string[] = [];
/** Conversations main was asked to read, once each: the answer comes as a queue change. */
const asked = new Set<string>();

export function EarlierConversations({ sid }: { sid: string }) {
  const { t } = useTranslation();
  const previous = useDeskStore((s) => teamInfo(s, sid)?.previous ?? NONE);
  // A conversation main's queue has not read yet (a customer who just wrote again): the agent is
  // looking at it now, so main reads now rather than at its next background refresh.
  const unread = useDeskStore((s) => s.queue.complete && !s.queue.rows.has(sid));
  useEffect(() => {
    if (!unread || asked.has(sid)) return;
    asked.add(sid);
    void getDesk()
      .refreshTeamQueue()
      .catch(() => undefined);
  }, [unread, sid]);
  if (previous.length === 0) return null;
  return (
    <nav className="previous-conversations" aria-label={t('views.previousLabel')}>
      <span>{t('views.previous', { count: previous.length })}</span>
      {previous.map((p, i) => (
        <EarlierLink key={p} sid={p} number={i + 1} />
      ))}
    </nav>
  );
}

function EarlierLink({ sid, number }: { sid: string; number: number }) {
  const { t } = useTranslation();
  const store = useDeskStoreApi();
  const label = useDeskStore((s) => {
    const row = s.queue.rows.get(sid);
    const c = s.conversations.get(sid);
    const title = row ? queueRowTitle(row) : c ? conversationTitle(c) : null;
    if (title === null) return t('views.previousItem', { number });
    const created = row?.dateCreated ?? null;
    const state = teamInfo(s, sid)?.state;
    const parts = [title, created ? formatDay(created) : null, state === 'closed' ? t('views.stateName.closed') : null].filter(Boolean);
    return parts.join(' · ');
  });
  return (
    <button type="button" className="link" onClick={() => openInboxRow(store, sid)}>
      {label}
    </button>
  );
}
