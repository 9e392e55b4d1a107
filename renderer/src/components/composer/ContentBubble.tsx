/**
 * A template as the customer's WhatsApp shows it: the text (variables filled in, or a marked gap
 * where one is still empty), its media links, then the quick-reply and call-to-action buttons.
 * The picker's live preview and template messages in the thread both draw it.
 */
import { useTranslation } from 'react-i18next';
import type { ContentView } from '../../sdk/template-snapshot';
import { Icon } from '../common/Icon';
import { fillParts } from './template-text';

export function ContentBubble({ view, values = {}, label }: { view: ContentView; values?: Readonly<Record<string, string>>; label: string }) {
  const { t } = useTranslation();
  const fill = (text: string) =>
    fillParts(text, values).map((p, i) =>
      'text' in p ? (
        <span key={i}>{p.text}</span>
      ) : p.value === null ? (
        <mark key={i} className="template-gap" title={t('templates.gapHint', { name: p.variable })}>{`{{${p.variable}}}`}</mark>
      ) : (
        <span key={i} className="template-filled">{p.value}</span>
      ),
    );
  return (
    <div className="content-bubble" role="group" aria-label={label}>
      {view.body && <p className="content-body">{fill(view.body)}</p>}
      {view.media.length > 0 && (
        <ul className="content-media" aria-label={t('templates.media')}>
          {view.media.map((url) => (
            <li key={url} className="with-icon">
              <Icon name="image" size={13} />
              {fill(url)}
            </li>
          ))}
        </ul>
      )}
      {view.replies.length > 0 && (
        <ul className="content-buttons" aria-label={t('templates.quickReplies')}>
          {view.replies.map((title) => (
            <li key={title} className="content-button">
              {fill(title)}
            </li>
          ))}
        </ul>
      )}
      {view.actions.length > 0 && (
        <ul className="content-buttons" aria-label={t('templates.actions')}>
          {view.actions.map((a) => (
            <li key={`${a.type}-${a.title}`} className="content-button" title={a.target ?? undefined}>
              {a.type === 'phone' ? <Icon name="phone" size={13} /> : null}
              {fill(a.title)}
              {a.target && <span className="content-target">{fill(a.target)}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
