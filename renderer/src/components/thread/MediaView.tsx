import { useActions } from '../../store';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MediaSnapshot } from '../../store/types';
import { formatSize } from '../common/format';
import { Icon } from '../common/Icon';

/** Images render inline from a short-lived URL; other files are download links. */
export function MediaView({ sid, index, media }: { sid: string; index: number; media: MediaSnapshot }) {
  const { t } = useTranslation();
  const { mediaUrl } = useActions();
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let current = true;
    void mediaUrl(sid, index, media.sid).then((u) => {
      if (!current) return;
      setUrl(u);
      setFailed(u === null);
    });
    return () => {
      current = false;
    };
  }, [sid, index, media.sid, mediaUrl]);

  const name = media.filename ?? t('thread.attachment');
  const image = media.contentType.startsWith('image/');
  // Images take a fixed-height box from the start, so rows keep their height while the URL and
  // the picture load and the thread stays scrolled to the newest message.
  if (image && !url && !failed) {
    return <span className="media-image media-loading" role="img" aria-label={t('thread.mediaLoading', { name })} />;
  }
  if (image && url) {
    return (
      <a href={url} target="_blank" rel="noreferrer" className="media-image" aria-label={t('thread.mediaOpen', { name })}>
        <img src={url} alt={name} loading="lazy" />
      </a>
    );
  }
  return (
    <span className="media-file">
      <Icon name="file" size={16} />
      {url ? (
        <a href={url} target="_blank" rel="noreferrer">
          {name}
        </a>
      ) : (
        <span>{name}</span>
      )}
      <span className="media-size">{formatSize(media.size)}</span>
      {failed && <span className="inline-error">{t('thread.mediaUnavailable')}</span>}
    </span>
  );
}
