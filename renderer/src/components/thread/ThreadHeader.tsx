import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { formatPhoneNumber } from '../../../../shared/domain/address';
import { useActions, useDeskStore, useDeskStoreApi } from '../../store';
import { conversationTitle } from '../../store/selectors';
import { ChannelBadge } from '../common/ChannelBadge';
import { CampaignTag, campaignNameOf } from '../campaigns/CampaignTag';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { Icon } from '../common/Icon';
import { conversationLabel, typistName } from '../common/names';
import { TeamActions } from '../team/TeamActions';
import { MarkUnreadButton } from '../unread/MarkUnreadButton';

export function ThreadHeader({ sid }: { sid: string }) {
  const { t } = useTranslation();
  const { leaveConversation, renameConversation, setMuted } = useActions();
  const store = useDeskStoreApi();
  // What the header shows of the conversation, not its snapshot: that changes with every message.
  const c = useDeskStore(
    useShallow((s) => {
      const conversation = s.conversations.get(sid);
      return conversation ? { channel: conversation.channel, notificationLevel: conversation.notificationLevel, typingCount: conversation.typing.length } : null;
    }),
  );
  const count = useDeskStore((s) => s.participants.get(sid)?.length ?? 0);
  const campaign = useDeskStore((s) => campaignNameOf(s.conversations.get(sid)?.attributes) ?? s.queue.rows.get(sid)?.campaign ?? null);
  // Customers' numbers under the title, as Front shows the contact's handle.
  const numbers = useDeskStore(
    useShallow((s) =>
      (s.participants.get(sid) ?? []).filter((p) => p.address !== null && p.type !== 'chat').map((p) => formatPhoneNumber(p.address ?? '')),
    ),
  );
  const typers = useDeskStore((s) => (s.conversations.get(sid)?.typing ?? []).map((who) => typistName(s, sid, who)).join(', '));
  // The customer's name stands in for a conversation named only by a number.
  const label = useDeskStore((s) => {
    const conversation = s.conversations.get(sid);
    return conversation ? conversationLabel(s, conversation) : '';
  });
  const participantsOpen = useDeskStore((s) => s.participantsOpen);
  const toggleParticipants = useDeskStore((s) => s.toggleParticipants);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [confirmLeave, setConfirmLeave] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!c) return null;
  const title = label;
  const muted = c.notificationLevel === 'muted';

  const saveName = async () => {
    if (renaming === null) return;
    const r = await renameConversation(sid, renaming);
    if (r.ok) setRenaming(null);
    setError(r.ok ? null : r.message);
  };

  return (
    <header className="thread-header">
      <div className="thread-heading">
        {renaming === null ? (
          <div className="thread-title-row">
            <h2 className="thread-title" title={title}>
              {title}
            </h2>
            <ChannelBadge channel={c.channel} />
            {campaign && <CampaignTag name={campaign} />}
          </div>
        ) : (
          <form
            className="rename-form"
            aria-label={t('thread.rename')}
            onSubmit={(e) => {
              e.preventDefault();
              void saveName();
            }}
          >
            <input
              aria-label={t('thread.nameLabel')}
              value={renaming}
              autoFocus
              maxLength={256}
              onChange={(e) => setRenaming(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape') {
                  setRenaming(null);
                  setError(null);
                }
              }}
            />
            <button type="submit" className="primary small">
              {t('common.save')}
            </button>
            <button
              type="button"
              className="small"
              onClick={() => {
                setRenaming(null);
                setError(null);
              }}
            >
              {t('common.cancel')}
            </button>
          </form>
        )}
        <div className="thread-subtitle">
          {typers ? (
            <span className="thread-typing" aria-live="polite">
              {t('common.typing', { names: typers, count: c.typingCount })}
            </span>
          ) : (
            <span>{numbers.length > 0 ? numbers.join(', ') : t('thread.participantCount', { count })}</span>
          )}
          {error && (
            <span className="inline-error" role="alert">
              {error}
            </span>
          )}
        </div>
      </div>
      <TeamActions sid={sid} />
      <div className="thread-header-actions">
        {renaming === null && (
          <button type="button" className="ghost icon" aria-label={t('thread.rename')} title={t('thread.renameHint')} onClick={() => {
            const conversation = store.getState().conversations.get(sid);
            if (conversation) setRenaming(conversationTitle(conversation));
          }}>
            <Icon name="edit" size={17} />
          </button>
        )}
        <button
          type="button"
          className="ghost icon"
          aria-label={t('thread.mute')}
          aria-pressed={muted}
          title={muted ? t('thread.mutedHint') : t('thread.muteHint')}
          onClick={() => void setMuted(sid, !muted).then((r) => setError(r.ok ? null : r.message))}
        >
          <Icon name={muted ? 'bellOff' : 'bell'} size={17} />
        </button>
        <MarkUnreadButton sid={sid} onError={setError} />
        <button type="button" className="ghost icon" aria-label={t('thread.leave')} title={t('thread.leaveHint')} onClick={() => setConfirmLeave(true)}>
          <Icon name="leave" size={17} />
        </button>
        <button
          type="button"
          className={`ghost icon with-count${participantsOpen ? ' pressed' : ''}`}
          aria-pressed={participantsOpen}
          aria-label={t('thread.participantsButton', { count })}
          title={t('thread.participantsHint')}
          onClick={() => toggleParticipants()}
        >
          <Icon name="users" size={17} />
          {count}
        </button>
      </div>
      {confirmLeave && (
        <ConfirmDialog
          title={t('thread.leave')}
          message={t('thread.leaveMessage', { title })}
          confirmLabel={t('thread.leaveConfirm')}
          onClose={() => setConfirmLeave(false)}
          onConfirm={async () => {
            const r = await leaveConversation(sid);
            return r.ok ? null : r.message;
          }}
        />
      )}
    </header>
  );
}
