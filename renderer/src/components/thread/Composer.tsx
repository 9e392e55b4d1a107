/**
 * Multiline composer: Enter sends, Shift+Enter adds a line, the draft is kept per conversation.
 * Per channel (components/composer): WhatsApp shows its 24-hour window and, outside it, takes
 * templates only (free text disabled, the draft kept); SMS counts segments and the characters
 * that force Unicode; both refuse more than Twilio's 1,600 characters before anything is sent.
 * Files come from the picker, drag-and-drop (anywhere in the thread, see Thread) or paste.
 * `/name` inserts a canned response (components/canned); a `{{variable}}` left in the text is
 * listed under it, and sending one asks for a second press first.
 */
import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { countSegments, SMS_MAX_CHARACTERS } from '../../../../shared/domain/sms-segments';
import { SegmentCounter } from '../composer/SegmentCounter';
import { TemplatePicker } from '../composer/TemplatePicker';
import { useWhatsAppWindow } from '../composer/useWhatsAppWindow';
import { WindowLine } from '../composer/WindowLine';
import '../composer/composer.css';
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
  const reaches = useDeskStore(useShallow((s) => [...new Set((s.participants.get(sid) ?? []).map((p) => p.type))]));
  const toSms = reaches.includes('sms');
  const toPhones = toSms || reaches.includes('whatsapp');
  const waWindow = useWhatsAppWindow(sid);
  // Outside the window WhatsApp takes templates only: free text (and media) would fail with 63016.
  const windowClosed = waWindow.applies && !waWindow.checking && !waWindow.state.open;
  const [pickerShown, setPickerShown] = useState(false);
  const templateRequested = useDeskStore((s) => s.templatePickerFor === sid);
  const requestTemplatePicker = useDeskStore((s) => s.requestTemplatePicker);
  // The window closing opens the picker (the one way left to reach the customer); a failed
  // receipt's "Send a template instead" asks for it through the store.
  const [closedBefore, setClosedBefore] = useState(windowClosed);
  if (closedBefore !== windowClosed) {
    setClosedBefore(windowClosed);
    if (windowClosed) setPickerShown(true);
  }
  const pickerOpen = pickerShown || templateRequested;
  const setPickerOpen = (open: boolean) => {
    setPickerShown(open);
    if (!open && templateRequested) requestTemplatePicker(null);
  };
  const counterId = useId();
  const segments = useMemo(() => (toSms ? countSegments(draft) : null), [toSms, draft]);
  const characters = useMemo(() => [...draft.trim()].length, [draft]);
  const tooLong = toPhones && characters > SMS_MAX_CHARACTERS;
  const canSend = (draft.trim() !== '' || items.length > 0) && errors.length === 0 && !tooLong && !windowClosed;


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
  const tooLongText = tooLong ? t('composer.tooLong', { count: characters, max: SMS_MAX_CHARACTERS }) : null;
  const problems = [...errors, ...(sendError ? [sendError] : []), ...(unfilledWarning ? [unfilledWarning] : []), ...(tooLongText ? [tooLongText] : [])];
  const describedBy = [problems.length > 0 ? errorId : null, segments && segments.characters > 0 ? counterId : null].filter(Boolean).join(' ') || undefined;

  return (
    <div className="composer">
      {pickerOpen && waWindow.applies && (
        <TemplatePicker
          sid={sid}
          windowOpen={!windowClosed}
          onClose={() => {
            setPickerOpen(false);
            textarea.current?.focus();
          }}
          onSent={() => setPickerOpen(false)}
        />
      )}
      {waWindow.applies && <WindowLine window={waWindow} onTemplate={() => setPickerOpen(true)} />}
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
        <button type="button" className="ghost icon attach-button" aria-label={t('composer.attach')} title={t('composer.attachHint')} disabled={windowClosed} onClick={() => fileInput.current?.click()}>
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
          aria-describedby={describedBy}
          placeholder={windowClosed ? t('whatsappWindow.placeholderClosed') : t('composer.placeholder')}
          disabled={windowClosed}
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
        {waWindow.applies && (
          <button
            type="button"
            className={`with-icon template-button${pickerOpen ? ' pressed' : ''}`}
            aria-label={t('templates.open')}
            aria-expanded={pickerOpen}
            title={t('templates.open')}
            onClick={() => setPickerOpen(!pickerOpen)}
          >
            <Icon name="message" size={15} />
            {t('templates.button')}
          </button>
        )}
        <button type="button" className="primary with-icon send-button" onClick={send} disabled={!canSend}>
          <Icon name="send" size={15} />
          {t('composer.send')}
        </button>
      </div>
      {segments && <SegmentCounter count={segments} id={counterId} />}
    </div>
  );
}
