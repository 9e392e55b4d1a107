/** Center pane: header, message history and composer for the selected conversation. */
import { useEffect, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useActions, useDeskStore } from '../../store';
import { Composer } from './Composer';
import { MessageList } from './MessageList';
import { Icon } from '../common/Icon';
import { ResolvedNote } from '../team/ResolvedNote';
import { selectTeamInfo } from '../../store/team-slice';
import { ThreadHeader } from './ThreadHeader';
import { EarlierConversations } from '../views/EarlierConversations';
import { useAttachments } from './useAttachments';
import './thread.css';

export function Thread() {
  const { t } = useTranslation();
  const { openConversation } = useActions();
  const sid = useDeskStore((s) => s.selectedSid);
  const exists = useDeskStore((s) => s.selectedSid !== null && s.conversations.has(s.selectedSid));

  // Opening is driven by selection so every way of selecting (click, create, simulate) loads it.
  useEffect(() => {
    if (sid && exists) void openConversation(sid);
  }, [sid, exists, openConversation]);

  if (!sid || !exists) {
    return (
      <main className="thread thread-empty" aria-label={t('thread.label')}>
        {sid ? (
          <p role="status">{t('thread.opening')}</p>
        ) : (
          <>
            <Icon name="message" size={36} />
            <p className="empty-title">{t('thread.noneSelected')}</p>
            <p>{t('thread.noneHint')}</p>
          </>
        )}
      </main>
    );
  }
  return (
    <main className="thread" aria-label={t('thread.label')}>
      <ThreadHeader sid={sid} />
      <EarlierConversations sid={sid} />
      <ThreadBody key={sid} sid={sid} />
    </main>
  );
}

/** Keyed by conversation so staged files and scroll state never leak into another thread. */
function ThreadBody({ sid }: { sid: string }) {
  const { t } = useTranslation();
  const attachments = useAttachments(sid);
  // Resolved is Twilio's closed: read-only, so there is nothing to write.
  const resolved = useDeskStore((s) => selectTeamInfo(s, sid)?.state === 'closed');
  const [dragging, setDragging] = useState(false);
  const hasFiles = (e: DragEvent) => [...e.dataTransfer.types].includes('Files');
  return (
    <div
      className={`thread-body${dragging ? ' dragging' : ''}`}
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setDragging(false);
        attachments.add(e.dataTransfer.files);
      }}
    >
      <MessageList sid={sid} />
      {resolved ? <ResolvedNote /> : <Composer sid={sid} attachments={attachments} />}
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <span className="with-icon">
            <Icon name="paperclip" size={20} />
            {t('thread.drop')}
          </span>
        </div>
      )}
    </div>
  );
}
