import { memo, useEffect } from 'react';
import { useActions, useDeskStore } from '../../store';
import { previewText } from '../../store/selectors';
import { Avatar } from '../common/Avatar';
import { ChannelIcon } from '../common/ChannelBadge';
import { formatListTime } from '../common/format';
import { Icon } from '../common/Icon';
import { conversationLabel, typistName } from '../common/names';
import './inbox-markers.css';
import { useRowMenu } from '../unread/RowMenu';
import { TeamMarkers, useTeamLabel } from '../views/TeamMarkers';
import { MatchSnippet, useMatchLabel } from './MatchSnippet';
import { useRowT } from '../common/row-t';

export const InboxRow = memo(function InboxRow({ sid }: { sid: string }) {
  const t = useRowT();
  const { openConversation, showingConversation } = useActions();
  const rowMenu = useRowMenu(sid);
  const c = useDeskStore((s) => s.conversations.get(sid));
  const selected = useDeskStore((s) => s.selectedSid === sid);
  const draft = useDeskStore((s) => s.drafts.get(sid)?.trim() ?? '');
  const me = useDeskStore((s) => s.session?.identity ?? null);
  // Names joined into one string so the selector result compares by value.
  const typers = useDeskStore((s) => {
    const t = s.conversations.get(sid)?.typing ?? [];
    return t.map((who) => typistName(s, sid, who)).join(', ');
  });
  // Previews load lazily, for rows on screen.
  useEffect(() => showingConversation(sid), [sid, showingConversation]);
  const team = useTeamLabel(sid);
  // The customer's name stands in for a conversation named only by a number.
  const title = useDeskStore((s) => {
    const conversation = s.conversations.get(sid);
    return conversation ? conversationLabel(s, conversation) : '';
  });
  const match = useMatchLabel(sid);
  if (!c) return null;

  const typing = c.typing.length > 0;
  const failed = c.lastMessage?.failed === true;
  const preview = typing
    ? t('common.typing', { names: typers, count: c.typing.length })
    : c.lastMessage
      ? c.lastMessage.author === me
        ? t('inbox.youPrefix', { text: previewText(c.lastMessage) })
        : previewText(c.lastMessage)
      : c.lastMessageIndex !== null
        ? ''
        : t('inbox.noMessages');
  const label = [
    title,
    t(`channel.${c.channel}`),
    c.unreadCount > 0 ? t('common.unreadCount', { count: c.unreadCount }) : null,
    draft !== '' ? t('inbox.draft') : null,
    failed ? t('inbox.notDelivered') : null,
    c.notificationLevel === 'muted' ? t('common.muted') : null,
    team,
    match,
  ]
    .filter(Boolean)
    .join(', ');

  return (
    <button
      type="button"
      className={`inbox-row${selected ? ' selected' : ''}${c.unreadCount > 0 ? ' unread' : ''}`}
      aria-label={label}
      aria-current={selected ? 'true' : undefined}
      data-inbox-sid={sid}
      // Loading starts in the click itself, not a frame later when the thread pane has rendered.
      onClick={() => void openConversation(sid)}
      onContextMenu={rowMenu.onContextMenu}
      onKeyDown={rowMenu.onKeyDown}
    >
      <Avatar name={title} />
      <span className="inbox-row-main">
        <span className="inbox-row-top">
          <span className="inbox-row-name">{title}</span>
          <ChannelIcon channel={c.channel} />
          <span className="inbox-row-time">{formatListTime(c.lastMessage?.date ?? c.dateUpdated)}</span>
        </span>
        <span className="inbox-row-bottom">
          {failed && (
            <span className="failed-marker" title={t('inbox.notDelivered')}>
              <Icon name="alert" size={13} />
            </span>
          )}
          {draft !== '' && !typing ? (
            <span className="inbox-row-preview draft">
              <span className="draft-label">{t('inbox.draftPrefix')}</span> {draft}
            </span>
          ) : (
            <span className={`inbox-row-preview${typing ? ' typing' : ''}`}>{preview}</span>
          )}
          <TeamMarkers sid={sid} />
          {c.notificationLevel === 'muted' && <Icon name="bellOff" size={14} className="muted-icon" />}
          {c.unreadCount > 0 && (
            <span className="unread-badge" aria-hidden="true">
              {c.unreadCount > 99 ? '99+' : c.unreadCount}
            </span>
          )}
        </span>
        <MatchSnippet sid={sid} />
      </span>
      {rowMenu.menu}
    </button>
  );
});
