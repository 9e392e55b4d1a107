import { useTranslation } from 'react-i18next';
import type { PendingMessage } from '../../store/types';
import { formatSize } from '../common/format';
import { useActions } from '../../store';
import { Icon } from '../common/Icon';

/**
 * A send not yet echoed by the service. The SDK reports no upload progress, so attachments show
 * an indeterminate bar with the total size rather than a made-up percentage.
 */
export function PendingRow({ sid, pending: p }: { sid: string; pending: PendingMessage }) {
  const { t } = useTranslation();
  const { discardFailed, retrySend } = useActions();
  const failed = p.status === 'failed';
  const total = p.attachments.reduce((n, a) => n + a.size, 0);
  return (
    <div className="message-row-wrap">
      <article className={`message own pending${failed ? ' failed' : ''}`} aria-label={failed ? t('thread.notSentLabel') : t('thread.sendingLabel')}>
        <div className="message-gutter" />
        <div className="message-body">
          {p.body && <p className="message-text">{p.body}</p>}
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
              <span>{t('thread.notSent', { error: p.error })}</span>
              <button type="button" className="small with-icon" onClick={() => retrySend(sid, p.localId)}>
                <Icon name="retry" size={13} />
                {t('common.retry')}
              </button>
              <button type="button" className="ghost small" onClick={() => discardFailed(sid, p.localId)}>
                {t('thread.discard')}
              </button>
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
