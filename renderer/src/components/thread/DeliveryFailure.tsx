import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useActions, useDeskStore } from '../../store';
import { Icon } from '../common/Icon';
import { deliveryReason, failureRemedies } from './delivery-reasons';

/**
 * "Not delivered", with Twilio's reason from the message's delivery receipts and a way forward:
 * "Send a template instead" outside WhatsApp's window (63016, opens the composer's picker),
 * "Customer opted out" for 21610 (nothing to retry until they reply START), and Retry, which
 * sends the same text and attachments again as a new message, where the cause may pass. Not a live region: rows of a
 * virtualized history mount again on every scroll, and each would be announced again; the inbox
 * row's label says "Last message not delivered" instead.
 */
export function DeliveryFailure({ sid, index }: { sid: string; index: number }) {
  const { t } = useTranslation();
  const { deliveryErrors, resendMessage } = useActions();
  const requestTemplatePicker = useDeskStore((s) => s.requestTemplatePicker);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Once sent again the copy below is the live one: no second Retry that would send it twice.
  const [resent, setResent] = useState(false);

  useEffect(() => {
    let current = true;
    void deliveryErrors(sid, index).then((c) => {
      if (current) setCodes(c);
    });
    return () => {
      current = false;
    };
  }, [sid, index, deliveryErrors]);

  const retry = async () => {
    setBusy(true);
    const r = await resendMessage(sid, index);
    setBusy(false);
    setError(r.ok ? null : r.message);
    setResent(r.ok);
  };

  const reason = codes && codes.length > 0 ? codes.map(deliveryReason).join(' ') : null;
  // Until the receipts are read, Retry as before; then what the codes allow.
  const remedies = codes === null ? ['retry'] : failureRemedies(codes);
  return (
    <div className="delivery-failure">
      <span className="delivery delivery-failed">
        <Icon name="alert" size={13} />
        {reason ? t('thread.notDelivered', { reason }) : t('thread.delivery.failed')}
      </span>
      {remedies.includes('template') && (
        <button type="button" className="small with-icon" onClick={() => requestTemplatePicker(sid)}>
          <Icon name="message" size={13} />
          {t('thread.sendTemplateInstead')}
        </button>
      )}
      {remedies.includes('optedOut') && <span className="opted-out-badge">{t('thread.optedOut')}</span>}
      {remedies.includes('retry') &&
        (resent ? (
          <span className="delivery">{t('thread.resent')}</span>
        ) : (
          <button type="button" className="small with-icon" aria-label={t('thread.resendLabel')} disabled={busy} onClick={() => void retry()}>
            <Icon name="retry" size={13} />
            {t('common.retry')}
          </button>
        ))}
      {error && <span className="inline-error">{error}</span>}
    </div>
  );
}
