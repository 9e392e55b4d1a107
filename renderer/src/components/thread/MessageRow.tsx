import { memo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { i18n } from '../../i18n';
import { useActions, useDeskStore, useDeskStoreApi } from '../../store';
import type { DeliverySummary, MessageSnapshot } from '../../store/types';
import { Avatar } from '../common/Avatar';
import { ChannelBadge, channelOfType } from '../common/ChannelBadge';
import { Icon } from '../common/Icon';
import { LinkedText } from '../common/LinkedText';
import { linkParts } from '../common/links';
import { Marked, wordRanges } from '../common/Marked';
import { authorName, identityName } from '../common/names';
import { copyText } from '../reactions/copy-text';
import { ReactionChips } from '../reactions/ReactionChips';
import { ReactionPicker } from '../reactions/ReactionPicker';
import type { ReactionKey } from '../../sdk/reactions';
import { DeliveryFailure } from './DeliveryFailure';
import { MediaView } from './MediaView';
import { TemplateMessage } from '../composer/TemplateMessage';
import { clockText, dayText, fixedText, sameLocalDay, valueText } from './row-text';

interface Props {
  sid: string;
  message: MessageSnapshot;
  prev: MessageSnapshot | null;
  isLastOwn: boolean;
  readHorizon: number | null;
  /** A search found this message: the words to mark in it (the row is marked too). */
  marked?: readonly string[] | null;
  /** row-text's localeKey(): a new one renders the row again in the new language or clock. */
  localeKey?: string;
}

/** Marks and links don't mix in one text: a message with links keeps them clickable, and only the row is marked. */
const hasLinks = (text: string) => linkParts(text).some((p) => p.href !== null);

const DELIVERY_TEXT = {
  sending: 'thread.delivery.sending',
  sent: 'thread.delivery.sent',
  delivered: 'thread.delivery.delivered',
  read: 'thread.delivery.read',
  failed: 'thread.delivery.failed',
} as const satisfies Record<Exclude<DeliverySummary, null>, string>;

export const MessageRow = memo(function MessageRow({ sid, message: m, prev, isLastOwn, readHorizon, marked = null }: Props) {
  const { deleteMessage, editMessage, toggleReaction } = useActions();
  const store = useDeskStoreApi();
  // One subscription for what the row reads from the store (every store update runs each row's
  // selectors): plain values, compared one by one.
  const { me, conversationChannel, authorType, author, avatarName } = useDeskStore(
    useShallow((s) => {
      const me = s.session?.identity ?? null;
      const author = m.author === null ? fixedText('common.system') : m.author === me ? fixedText('common.you') : authorName(s, sid, m.author, m.participantSid);
      return {
        me,
        conversationChannel: s.conversations.get(sid)?.channel ?? 'chat',
        authorType: s.participants.get(sid)?.find((p) => p.sid === m.participantSid)?.type ?? (m.author?.startsWith('whatsapp:') ? 'whatsapp' : m.author?.startsWith('+') ? 'sms' : 'chat'),
        author,
        // "You" in words, but the agent's own initials in the avatar.
        avatarName: m.author !== null && m.author === me && me ? (s.userNames.get(me) ?? me) : author,
      };
    }),
  );
  const seenBy = useDeskStore(
    useShallow((s) =>
      isLastOwn
        ? (s.participants.get(sid) ?? [])
            .filter((p) => p.type === 'chat' && p.identity !== null && p.identity !== me && p.lastReadIndex !== null && p.lastReadIndex >= m.index)
            .map((p) => identityName(s, sid, p.identity ?? p.sid))
        : [],
    ),
  );
  const [editing, setEditing] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [picking, setPicking] = useState(false);
  const [reacting, setReacting] = useState(false);
  // The actions toolbar exists only on the row under the pointer or holding the focus: built in
  // every row it was about a third of each row's elements and attributes, made and thrown away
  // for every row scrolled past (docs/benchmarks.md, "scrolling history"). CSS still decides when
  // it shows, so a flag left set by a focus lost without a blur only keeps one hidden toolbar.
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const article = useRef<HTMLElement>(null);
  // Leaving the edit box or the delete question takes its focused control away: the keyboard
  // goes on from the message instead of from the top of the page.
  const backToMessage = () => requestAnimationFrame(() => article.current?.focus({ preventScroll: true }));
  const stopEditing = () => {
    setEditing(null);
    backToMessage();
  };

  const own = m.author !== null && m.author === me;
  // A text that reached a customer's phone stays there as sent: no edit, and delete removes only
  // the desk's copy, which the confirmation says plainly.
  const toPhones = conversationChannel !== 'chat';
  const grouped = prev !== null && prev.author === m.author && sameLocalDay(prev.date, m.date) && m.date !== null && prev.date !== null && m.date - prev.date < 5 * 60_000;
  const newDay = m.date !== null && (prev === null || !sameLocalDay(prev.date, m.date));
  const firstUnread = readHorizon !== null && m.index > readHorizon && (prev === null || prev.index <= readHorizon);

  const saveEdit = async () => {
    if (editing === null) return;
    const r = await editMessage(sid, m.index, editing);
    setError(r.ok ? null : r.message);
    if (r.ok) stopEditing();
  };
  // One reaction write at a time: each merges into the attributes the previous one left.
  const react = async (key: ReactionKey) => {
    if (reacting) return;
    setReacting(true);
    const r = await toggleReaction(sid, m.index, key);
    setReacting(false);
    setError(r.ok ? null : r.message);
  };
  const copy = async () => {
    const ok = await copyText(m.body ?? '');
    store.getState().pushTeamToast(ok ? { kind: 'notice', text: i18n.t('messageActions.copied') } : { kind: 'error', text: i18n.t('messageActions.copyFailed') });
  };
  const remove = async () => {
    const r = await deleteMessage(sid, m.index);
    setConfirmDelete(false);
    setError(r.ok ? null : r.message);
  };

  return (
    <div className="message-row-wrap">
      {newDay && m.date !== null && (
        <div className="day-separator" role="separator">
          <span>{dayText(m.date)}</span>
        </div>
      )}
      {firstUnread && (
        <div className="new-messages-line" role="separator" aria-label={fixedText('thread.newMessages')}>
          <span>{fixedText('thread.newMessages')}</span>
        </div>
      )}
      <article
        className={`message${own ? ' own' : ''}${marked ? ' search-hit' : ''}${confirmDelete ? ' confirming' : ''}${picking ? ' picking' : ''}${grouped && !newDay && !firstUnread ? ' grouped' : ''}`}
        aria-label={valueText('thread.messageBy', { author, time: clockText(m.date) })}
        // A stop for the keyboard: focusing the message brings its actions, the next Tab reaches them.
        tabIndex={0}
        onPointerEnter={() => setHovered(true)}
        onPointerLeave={() => setHovered(false)}
        onFocus={() => setFocused(true)}
        ref={article}
        onBlur={(e) => {
          // Focus still inside (the window itself lost it: no related target, the same active element) keeps the actions.
          const el = e.currentTarget;
          if (!el.contains(e.relatedTarget as Node | null) && !el.contains(document.activeElement)) setFocused(false);
        }}
      >
        <div className="message-gutter">{!grouped && <Avatar name={avatarName} size={32} />}</div>
        <div className="message-body">
          {(!grouped || newDay || firstUnread) && (
            <div className="message-meta">
              <span className="message-author">{author}</span>
              {authorType !== 'chat' && <ChannelBadge channel={channelOfType(authorType)} />}
              <time dateTime={m.date ? new Date(m.date).toISOString() : undefined}>{clockText(m.date)}</time>
            </div>
          )}
          {editing === null ? (
            m.body && (
              <p className="message-text">
                {marked && m.body && !hasLinks(m.body) ? <Marked text={m.body} ranges={wordRanges(m.body, marked)} /> : <LinkedText text={m.body} />}
                {m.updated !== null && <span className="edited"> {fixedText('common.edited')}</span>}
              </p>
            )
          ) : (
            <form
              className="message-edit"
              onSubmit={(e) => {
                e.preventDefault();
                void saveEdit();
              }}
            >
              <textarea
                aria-label={i18n.t('thread.editMessage')}
                value={editing}
                autoFocus
                onChange={(e) => setEditing(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Escape') stopEditing();
                  if (e.key === 'Enter' && !e.shiftKey) {
                    e.preventDefault();
                    void saveEdit();
                  }
                }}
              />
              <button type="submit" className="primary">{i18n.t('common.save')}</button>
              <button type="button" onClick={stopEditing}>{i18n.t('common.cancel')}</button>
            </form>
          )}
          {m.contentSid && <TemplateMessage sid={sid} message={m} />}
          {m.media.length > 0 && (
            <div className="message-media">
              {m.media.map((media) => (
                <MediaView key={media.sid} sid={sid} index={m.index} media={media} />
              ))}
            </div>
          )}
          {m.reactions && <ReactionChips sid={sid} reactions={m.reactions} busy={reacting} onToggle={(key) => void react(key)} />}
          {own && toPhones && m.delivery === 'failed' && <DeliveryFailure sid={sid} index={m.index} />}
          {own && toPhones && m.delivery && m.delivery !== 'failed' && (
            <span className={`delivery delivery-${m.delivery}`}>
              <Icon name={m.delivery === 'delivered' || m.delivery === 'read' ? 'checks' : 'check'} size={13} />
              {fixedText(DELIVERY_TEXT[m.delivery])}
            </span>
          )}
          {own && seenBy.length > 0 && <span className="seen-by">{i18n.t('thread.seenBy', { names: seenBy.join(', ') })}</span>}
          {confirmDelete && (
            <div className="confirm-inline" role="alert">
              {toPhones ? i18n.t('thread.deleteDeskConfirm') : i18n.t('thread.deleteConfirm')}
              <button type="button" className="danger" onClick={() => void remove()}>
                {toPhones ? i18n.t('thread.deleteDeskConfirmButton') : i18n.t('common.delete')}
              </button>
              <button
                type="button"
                // The safe answer has the focus: the question replaced the Delete button that had it.
                autoFocus
                onClick={() => {
                  setConfirmDelete(false);
                  backToMessage();
                }}
              >
                {i18n.t('common.cancel')}
              </button>
            </div>
          )}
          {error && <p className="inline-error" role="alert">{error}</p>}
        </div>
        {editing === null && !confirmDelete && (hovered || focused || picking) && (
          <div className="message-actions" role="toolbar" aria-label={valueText('messageActions.label', { author })}>
            <button
              type="button"
              className="ghost icon small-icon"
              aria-label={fixedText('reactions.add')}
              title={fixedText('reactions.add')}
              aria-haspopup="dialog"
              aria-expanded={picking}
              onClick={() => setPicking((p) => !p)}
            >
              <Icon name="smilePlus" size={15} />
            </button>
            {picking && <ReactionPicker reactions={m.reactions} me={me} onPick={(key) => void react(key)} onClose={() => setPicking(false)} />}
            {m.body && (
              <button type="button" className="ghost icon small-icon" aria-label={fixedText('messageActions.copy')} title={fixedText('messageActions.copy')} onClick={() => void copy()}>
                <Icon name="copy" size={15} />
              </button>
            )}
            {own && m.body !== null && !toPhones && (
              <button type="button" className="ghost icon small-icon" aria-label={fixedText('thread.editMessage')} title={fixedText('thread.editHint')} onClick={() => setEditing(m.body ?? '')}>
                <Icon name="edit" size={15} />
              </button>
            )}
            {own && (
              <button
                type="button"
                className="ghost icon small-icon"
                aria-label={toPhones ? fixedText('thread.deleteDeskMessage') : fixedText('thread.deleteMessage')}
                title={toPhones ? fixedText('thread.deleteDeskMessage') : fixedText('thread.deleteHint')}
                onClick={() => setConfirmDelete(true)}
              >
                <Icon name="trash" size={15} />
              </button>
            )}
          </div>
        )}
      </article>
    </div>
  );
});
