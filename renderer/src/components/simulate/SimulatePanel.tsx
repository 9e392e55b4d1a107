/** Local workspace only: play the customer, sending an inbound SMS/WhatsApp through the emulator. */
import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPhoneNumber, regionOf, validatePhoneNumber } from '../../../../shared/domain/address';
import { getDesk } from '../../platform/desk';
import { useDeskStore } from '../../store';
import { Dialog } from '../common/Dialog';
import { FieldError, fieldErrorId } from '../common/FieldError';

/** base64 of a File without the data: prefix, as simulateInbound expects. */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('Could not read the file'));
    reader.readAsDataURL(file);
  });
}

export function SimulatePanel() {
  const { t } = useTranslation();
  const id = useId();
  const toggle = useDeskStore((s) => s.toggleSimulate);
  const workspace = useDeskStore((s) => s.workspace);
  // Existing customers on this channel, so the agent can answer as one of them in a click.
  const participants = useDeskStore((s) => s.participants);
  const conversations = useDeskStore((s) => s.conversations);
  const [channel, setChannel] = useState<'sms' | 'whatsapp'>('sms');
  const [from, setFrom] = useState('+14155550123');
  const [body, setBody] = useState('');
  const [image, setImage] = useState<File | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const close = useCallback(() => toggle(false), [toggle]);
  const to = workspace ? workspace.proxyNumbers[channel] : undefined;
  // The customer may be typed as a national number of the business number's country.
  const parsedFrom = from.trim() ? validatePhoneNumber(from, { strict: false, region: regionOf(to) }, t) : null;
  const fromE164 = parsedFrom?.ok ? parsedFrom.e164 : null;
  const customers = new Map<string, string>();
  for (const [sid, roster] of participants) {
    for (const p of roster) {
      if (p.type !== channel || !p.address) continue;
      const number = p.address.replace(/^whatsapp:/, '');
      customers.set(number, p.name ?? conversations.get(sid)?.friendlyName ?? formatPhoneNumber(number));
    }
  }

  const submit = async () => {
    if (body.trim() === '' && !image) return setErrors({ body: t('simulate.emptyError') });
    if (image && image.size > 5 * 1024 * 1024) return setErrors({ media: t('simulate.tooBig') });
    if (parsedFrom && !parsedFrom.ok) return setErrors({ from: parsedFrom.message });
    setBusy(true);
    setStatus(null);
    try {
      const media = image ? { filename: image.name, contentType: image.type || 'application/octet-stream', data: await readBase64(image) } : undefined;
      const r = await getDesk().simulateInbound({ channel, from: fromE164 ?? from, body, ...(to ? { to } : {}), ...(media ? { media } : {}) });
      if (r.ok) {
        setErrors({});
        setBody('');
        setImage(null);
        // Leave the agent where they are: the message shows up in the inbox as unread, as a real one would.
        setStatus(t('simulate.delivered'));
      } else {
        setErrors({ ...(r.error.fields ?? {}), ...(r.error.fields ? {} : { form: r.error.message }) });
      }
    } catch (e) {
      setErrors({ form: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };

  const describe = (name: string, hint = false) => ({
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': errors[name] ? fieldErrorId(`${id}-${name}`) : hint ? `${id}-${name}-hint` : undefined,
  });

  return (
    <Dialog title={t('simulate.title')} onClose={close}>
      <form
        className="dialog-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="field">
          <span>{t('simulate.channel')}</span>
          <select value={channel} onChange={(e) => setChannel(e.target.value as 'sms' | 'whatsapp')}>
            <option value="sms">{t('channel.sms')}</option>
            <option value="whatsapp">{t('channel.whatsapp')}</option>
          </select>
        </label>
        <div className="field">
          <label htmlFor={`${id}-from`}>{t('simulate.from')}</label>
          <input
            id={`${id}-from`}
            type="tel"
            list={`${id}-customers`}
            autoComplete="off"
            value={from}
            onChange={(e) => {
              setFrom(e.target.value);
              setErrors(({ from: _gone, ...rest }) => rest);
            }}
            {...describe('from', fromE164 !== null)}
          />
          {!errors.from && fromE164 && (
            <p id={`${id}-from-hint`} className="field-hint" aria-live="polite">
              {t('simulate.fromAs', { number: fromE164 })}
            </p>
          )}
          <datalist id={`${id}-customers`}>
            {[...customers].map(([number, name]) => (
              <option key={number} value={number}>
                {name}
              </option>
            ))}
          </datalist>
          <FieldError id={`${id}-from`} message={errors.from} />
        </div>
        {to && <p className="hint">{t('simulate.hint', { number: formatPhoneNumber(to) })}</p>}
        <div className="field">
          <label htmlFor={`${id}-body`}>{t('simulate.message')}</label>
          <textarea id={`${id}-body`} rows={3} value={body} onChange={(e) => setBody(e.target.value)} {...describe('body')} />
          <FieldError id={`${id}-body`} message={errors.body} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-media`}>{t('simulate.image')}</label>
          <input id={`${id}-media`} type="file" accept="image/*" onChange={(e) => setImage(e.target.files?.[0] ?? null)} {...describe('media')} />
          <FieldError id={`${id}-media`} message={errors.media} />
        </div>
        {errors.form && (
          <p className="field-error" role="alert">
            {errors.form}
          </p>
        )}
        {status && <p className="form-ok" role="status">{status}</p>}
        <footer className="dialog-actions">
          <button type="button" onClick={close}>
            {t('common.close')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('simulate.sending') : t('simulate.send')}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
