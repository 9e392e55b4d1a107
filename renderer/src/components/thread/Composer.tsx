/**
 * Multiline composer: Enter sends, Shift+Enter adds a line, the draft is kept per conversation.
 * Files come from the picker, drag-and-drop (anywhere in the thread, see Thread) or paste.
 * `/name` inserts a canned response (components/canned); a `{{variable}}` left in the text is
 * listed under it, and sending one asks for a second press first.
 */
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { CannedPicker, cannedOptionId } from '../canned/CannedPicker';
import { useCannedPicker } from '../canned/useCannedPicker';
import { unfilledVariables } from '../canned/variables';
import { useTranslation } from 'react-i18next';
import { formatSize } from '../common/format';
import { useActions, useDeskStore } from '../../store';
import { Icon } from '../common/Icon';
import type { useAttachments } from './useAttachments';

type Attachments = ReturnType<typeof useAttachments>;

export function Composer({ sid, attachments }: { sid: string; attachments: Attachments }) {
  const { t } = useTranslation();
  const { notifyTyping, sendMessage } = useActions();
  const draft = useDeskStore((s) => s.drafts.get(sid) ?? '');
  const setDraft = useDeskStore((s) => s.setDraft);
  const keptUnread = useDeskStore((s) => s.keptUnread === sid);
  const keepUnread = useDeskStore((s) => s.keepUnread);
  const [sendError, setSendError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const errorId = useId();
  const pickerId = useId();
  const picker = useCannedPicker({ sid, draft, setDraft: (text) => setDraft(sid, text), textarea });
  const unfilled = unfilledVariables(draft);
  /** The draft the agent was warned about: sending it unchanged is their choice. */
  const [warnedFor, setWarnedFor] = useState<string | null>(null);
  const { items, errors, add, remove, clear } = attachments;
  const canSend = (draft.trim() !== '' || items.length > 0) && errors.length === 0;

  const send = () => {
    if (!canSend) return;
    if (unfilled.length > 0 && warnedFor !== draft) {
      setWarnedFor(draft);
      return;
    }
    const r = sendMessage(sid, draft, items.map((a) => a.file));
    if (!r.ok) {
      setSendError(r.message);
      return;
    }
    setSendError(null);
    setWarnedFor(null);
    // Replying is dealing with it: the thread reads as usual again (the echo advances the horizon).
    if (keptUnread) keepUnread(null);
    setDraft(sid, '');
    clear();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (picker.onKeyDown(e)) return;
    // isComposing: Enter confirms an IME candidate (Japanese, Chinese…) and must not send.
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      send();
    }
  };

  const unfilledWarning = unfilled.length > 0 && warnedFor === draft ? t('canned.unfilledWarning', { list: unfilled.join(', ') }) : null;
  const problems = [...errors, ...(sendError ? [sendError] : []), ...(unfilledWarning ? [unfilledWarning] : [])];

  return (
    <div className="composer">
      {picker.open && (
        <CannedPicker
          id={pickerId}
          query={picker.query}
          matches={picker.matches}
          activeIndex={picker.activeIndex}
          hasAny={picker.hasAny}
          error={picker.error}
          onPick={picker.insert}
          onHover={picker.setActive}
        />
      )}
      {items.length > 0 && (
        <ul className="attachment-tray" aria-label={t('composer.attachments')}>
          {items.map((a, i) => (
            <li key={`${a.file.name}-${i}`} className={`attachment-chip${errors.some((e) => e.includes(`“${a.file.name}”`)) ? ' invalid' : ''}`}>
              {a.previewUrl ? (
                <img src={a.previewUrl} alt={t('composer.preview', { name: a.file.name })} className="attachment-thumb" />
              ) : (
                <span className="attachment-icon">
                  <Icon name="file" size={20} />
                </span>
              )}
              <span className="attachment-name">{a.file.name}</span>
              <span className="media-size">{formatSize(a.file.size)}</span>
              <button type="button" className="ghost icon small-icon" aria-label={t('composer.removeFile', { name: a.file.name })} title={t('composer.removeHint')} onClick={() => remove(i)}>
                <Icon name="close" size={14} />
              </button>
            </li>
          ))}
        </ul>
      )}
      {problems.length > 0 && (
        <div id={errorId} className="composer-errors" role="alert">
          {problems.map((p) => (
            <p key={p}>{p}</p>
          ))}
        </div>
      )}
      {unfilled.length > 0 && !unfilledWarning && (
        <p className="composer-note">{t('canned.unfilled', { list: unfilled.join(', ') })}</p>
      )}
      <div className="composer-row">
        <button type="button" className="ghost icon attach-button" aria-label={t('composer.attach')} title={t('composer.attachHint')} onClick={() => fileInput.current?.click()}>
          <Icon name="paperclip" size={19} />
        </button>
        <input
          ref={fileInput}
          type="file"
          multiple
          hidden
          aria-label={t('composer.chooseFiles')}
          onChange={(e) => {
            add(e.target.files ?? []);
            e.target.value = '';
          }}
        />
        <textarea
          ref={textarea}
          aria-label={t('composer.message')}
          aria-autocomplete="list"
          aria-controls={picker.open && picker.matches.length > 0 ? pickerId : undefined}
          aria-activedescendant={picker.open && picker.activeIndex >= 0 ? cannedOptionId(pickerId, picker.activeIndex) : undefined}
          aria-describedby={problems.length > 0 ? errorId : undefined}
          placeholder={t('composer.placeholder')}
          title={t('composer.keysHint')}
          aria-keyshortcuts="Enter"
          rows={1}
          value={draft}
          onChange={(e) => {
            setDraft(sid, e.target.value);
            setSendError(null);
            picker.onCaret(e.target);
            if (e.target.value !== '') notifyTyping(sid);
          }}
          onKeyDown={onKeyDown}
          onSelect={(e) => picker.onCaret(e.currentTarget)}
          onBlur={picker.onBlur}
          onPaste={(e) => {
            if (e.clipboardData.files.length > 0) {
              e.preventDefault();
              add(e.clipboardData.files);
            }
          }}
        />
        <button type="button" className="primary with-icon send-button" onClick={send} disabled={!canSend}>
          <Icon name="send" size={15} />
          {t('composer.send')}
        </button>
      </div>
    </div>
  );
}
