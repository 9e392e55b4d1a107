/**
 * A template message in the thread (it has a ContentSid): marked as a template, with the buttons
 * the customer got. Its text is the message body Twilio rendered; only a message without one
 * shows the template's own text.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useActions } from '../../store';
import type { MessageSnapshot } from '../../store/types';
import type { ContentView } from '../../sdk/template-snapshot';
import { ContentBubble } from './ContentBubble';

export function TemplateMessage({ sid, message }: { sid: string; message: MessageSnapshot }) {
  const { t } = useTranslation();
  const { messageContent } = useActions();
  const [view, setView] = useState<ContentView | null>(null);

  useEffect(() => {
    let current = true;
    void messageContent(sid, message.index).then((content) => {
      if (current && content) setView(content);
    });
    return () => {
      current = false;
    };
  }, [sid, message.index, messageContent]);

  const hasBody = (message.body ?? '').trim() !== '';
  // The body already says the text: only the buttons and media come from the template.
  const shown = view ? { ...view, body: hasBody ? null : view.body } : null;
  return (
    <div className="template-message">
      <span className="template-tag">{t('templates.tag')}</span>
      {shown && (shown.body || shown.replies.length > 0 || shown.actions.length > 0 || shown.media.length > 0) && <ContentBubble view={shown} label={t('templates.sentContent')} />}
    </div>
  );
}
