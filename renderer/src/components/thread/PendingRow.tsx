import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PendingMessage } from '../../store/types';
import { canCancel, canEdit } from '../../store/pending-send';
import { isOutboxReason } from '../../sdk/outbox-reasons';
import { formatSize } from '../common/format';
import { useActions } from '../../store';
import { Icon } from '../common/Icon';

/**
 * A send not yet echoed by the service: sending, queued in the outbox (Edit, Cancel), or refused
 * by Twilio (Retry, Discard). The SDK reports no upload progress, so attachments show an
 * indeterminate bar with the total size rather than a made-up percentage.
 */
export function PendingRow({ sid, pending: p }: { sid: string; pending: PendingMessage }) {
  const { t } = useTranslation();
  const { cancelSend, editQueued, retrySend } = useActions();
  const [editing, setEditing] = useState<string | null>(null);
  const failed = p.status === 'failed';
  const queued = p.status === 'queued';
  const total = p.attachments.reduce((n, a) => n + a.size, 0);
  const label = failed ? t('thread.notSentLabel') : queued ? t('outbox.queuedLabel') : t('thread.sendingLabel');
  const isEditing = editing !== null && canEdit(p);
  // The outbox's own reasons are codes, shown in the agent's language; the service's are its words.
  const reason = isOutboxReason(p.error) ? t(`outbox.reason.${p.error}`) : p.error;

  const save = () => {
    if (editing !== null) editQueued(sid, p.localId, editing);
    setEditing(null);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      save();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setEditing(null);
    }
  };

  return (
    <div className="message-row-wrap">
      <article className={`message own pending${failed ? ' failed' : ''}${queued ? ' queued' : ''}`} aria-label={label}>
        <div className="message-gutter" />
        <div className="message-body">
          {isEditing ? (
            <div className="message-edit">
              <textarea aria-label={t('outbox.editLabel')} value={editing} autoFocus onChange={(e) => setEditing(e.target.value)} onKeyDown={onKeyDown} />
              <div className="confirm-inline">
                <button type="button" className="primary small" onClick={save} disabled={editing.trim() === '' && p.attachments.length === 0}>
                  {t('common.save')}
                </button>
                <button type="button" className="ghost small" onClick={() => setEditing(null)}>
                  {t('outbox.keep')}
                </button>
              </div>
            </div>
          ) : (
            p.body && <p className="message-text">{p.body}</p>
          )}
          {p.attachments.length > 0 && (
            <ul className="pending-files">
              {p.attachments.map((a) => (
                <li key={a.name}>
                  <Icon name="paperclip" size={13} /> {a.name} <span className="media-size">{formatSize(a.size)}</span>
                </li>
              ))}
            </ul>
          )}
          {failed ? (
            <div className="send-failed" role="alert">
              <Icon name="alert" size={14} />
              <span>{t('thread.notSent', { error: reason })}</span>
              <button type="button" className="small with-icon" onClick={() => retrySend(sid, p.localId)}>
                <Icon name="retry" size={13} />
                {t('common.retry')}
              </button>
              <button type="button" className="ghost small" onClick={() => cancelSend(sid, p.localId)}>
                {t('thread.discard')}
              </button>
            </div>
          ) : queued ? (
            <div className="send-queued" role="status">
              <span className="queued-badge">{t('outbox.queued')}</span>
              {reason && <span className="queued-reason">{reason}</span>}
              {!isEditing && (
                <span className="queued-actions">
                  {canEdit(p) && p.body !== '' && (
                    <button type="button" className="ghost small with-icon" onClick={() => setEditing(p.body)}>
                      <Icon name="edit" size={13} />
                      {t('outbox.edit')}
                    </button>
                  )}
                  {canCancel(p) && (
                    <button type="button" className="ghost small" onClick={() => cancelSend(sid, p.localId)}>
                      {t('common.cancel')}
                    </button>
                  )}
                </span>
              )}
            </div>
          ) : p.attachments.length > 0 ? (
            <div className="upload-progress" role="progressbar" aria-label={t('thread.uploadingLabel', { count: p.attachments.length, size: formatSize(total) })}>
              <span className="upload-bar" />
              <span className="upload-text">{t('thread.uploading', { size: formatSize(total) })}</span>
            </div>
          ) : (
            <span className="delivery delivery-sending">{t('thread.sending')}</span>
          )}
        </div>
      </article>
    </div>
  );
}
