/**
 * A conversation the agent is not a participant of, opened from the team queue or Resolved: its
 * messages as main reads them over REST, who has it and where it stands, and the same actions as
 * the live thread's header (Assign to me, Assign to…, Snooze…, Resolve). Nothing here writes
 * messages: a resolved (closed) conversation is final in Twilio, and an open one is answered once
 * assigned: main adds the assignee as a participant, the SDK's conversationJoined brings it into
 * the agent's inbox and the live thread with its composer takes over.
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n } from '../../i18n';
import { useDeskStore } from '../../store';
import { CampaignTag } from '../campaigns/CampaignTag';
import { selectTeamInfo } from '../../store/team-slice';
import { TeamActions } from '../team/TeamActions';
import { displayAuthor, formatClock, formatDay } from '../common/format';
import { ChannelIcon } from '../common/ChannelBadge';
import { Icon } from '../common/Icon';
import { useDeskStoreApi } from '../../store';
import { EarlierConversations } from './EarlierConversations';
import { queueRowTitle } from './QueueRow';
import { useTeamMessages } from './useTeamMessages';
import '../thread/thread.css';
import './views.css';

export function ReadOnlyThread({ sid }: { sid: string }) {
  const { t } = useTranslation();
  const store = useDeskStoreApi();
  const row = useDeskStore((s) => s.queue.rows.get(sid));
  const info = useDeskStore((s) => selectTeamInfo(s, sid));
  const me = useDeskStore((s) => s.session?.identity ?? null);
  const { messages, loading, error, hasOlder, loadOlder } = useTeamMessages(sid);
  // Once the agent joins (assigned to them, or added), the live thread takes over.
  const joined = useDeskStore((s) => s.conversations.has(sid));
  useEffect(() => {
    if (joined) store.getState().select(sid);
  }, [joined, sid, store]);
  const title = row ? queueRowTitle(row) : t('views.earlierConversation');
  const closed = info?.state === 'closed';
  const snoozed = info?.state === 'inactive' && info.snoozedUntil !== null;
  const stateText = closed ? t('views.stateName.closed') : snoozed ? t('views.snoozedUntil', { time: new Date(info.snoozedUntil as number).toLocaleString(i18n.language) }) : t(`views.stateName.${info?.state ?? 'active'}`);
  const channel = row && row.channel !== 'unknown' ? row.channel : null;

  return (
    <main className="thread read-only-thread" aria-label={t('views.readOnlyLabel', { name: title })}>
      <header className="thread-header read-only-header">
        <div className="read-only-heading">
          <div className="read-only-title">
            <h2>{title}</h2>
            {row?.campaign && <CampaignTag name={row.campaign} />}
            {channel && <ChannelIcon channel={channel} />}
          </div>
          <p className="read-only-facts">
            <span className={`state-pill state-${info?.state ?? 'active'}`}>{stateText}</span>
          </p>
        </div>
        <TeamActions sid={sid} />
      </header>
      <p className="read-only-note" role="note">
        <Icon name="alert" size={15} />
        {closed ? t('views.resolvedReadOnly') : t('views.notParticipant')}
      </p>
      <EarlierConversations sid={sid} />
      <div className="read-only-messages" role="log" aria-label={t('views.messagesLabel')}>
        {hasOlder && (
          <button type="button" className="small load-older" onClick={loadOlder} disabled={loading}>
            {t('views.loadOlder')}
          </button>
        )}
        {error ? (
          <p className="read-only-status" role="alert">
            {t('views.messagesFailed', { reason: error })}
          </p>
        ) : loading && messages.length === 0 ? (
          <p className="read-only-status" role="status">
            {t('views.messagesLoading')}
          </p>
        ) : messages.length === 0 ? (
          <p className="read-only-status">{t('views.noMessages')}</p>
        ) : (
          <ol className="read-only-list">
            {messages.map((m) => (
              <li key={m.sid} className={`read-only-message${m.author && m.author === info?.assignee ? ' agent' : ''}`}>
                <span className="read-only-meta">
                  <span className="read-only-author">{displayAuthor(m.author, me)}</span>
                  <time dateTime={new Date(m.dateCreated).toISOString()}>
                    {formatDay(m.dateCreated)} {formatClock(m.dateCreated)}
                  </time>
                </span>
                {m.body && <span className="read-only-body">{m.body}</span>}
                {m.media > 0 && <span className="read-only-media">{t('preview.attachments', { count: m.media })}</span>}
              </li>
            ))}
          </ol>
        )}
      </div>
    </main>
  );
}
