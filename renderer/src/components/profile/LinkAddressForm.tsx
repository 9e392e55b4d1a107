/** "Same person on another number": links an SMS number or WhatsApp number to this customer. */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { regionOf, validatePhoneNumber } from '../../../../shared/domain/address';
import { bareNumber, channelOfAddress, type CustomerChannel, type CustomerProfile } from '../../../../shared/ipc/customer-schema';
import { getDesk } from '../../platform/desk';
import { FieldError, fieldErrorId } from '../common/FieldError';
import { fieldErrors } from './useCustomerProfile';

export function LinkAddressForm({ profile, sid, onLinked }: { profile: CustomerProfile; sid: string; onLinked: (p: CustomerProfile) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const own = channelOfAddress(profile.address);
  const [open, setOpen] = useState(false);
  // Most often the same number on the other channel: offered as the starting value.
  const [channel, setChannel] = useState<CustomerChannel>(own === 'sms' ? 'whatsapp' : 'sms');
  const [number, setNumber] = useState(bareNumber(profile.address));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (!open) {
    return (
      <button type="button" className="link customer-link-open" onClick={() => setOpen(true)}>
        {t('profile.linkOpen')}
      </button>
    );
  }

  const submit = async () => {
    const parsed = validatePhoneNumber(number, { strict: true, region: regionOf(bareNumber(profile.address)) }, t);
    if (!parsed.ok) {
      setError(parsed.message);
      return;
    }
    const other = channel === 'whatsapp' ? `whatsapp:${parsed.e164}` : parsed.e164;
    setBusy(true);
    const r = await getDesk().linkCustomerAddress({ address: profile.address, other, conversationSid: sid });
    setBusy(false);
    if (!r.ok) {
      const { fields, message } = fieldErrors(r);
      setError(message ?? Object.values(fields)[0] ?? null);
      return;
    }
    setError(null);
    setOpen(false);
    onLinked(r.value);
  };

  return (
    <form
      className="customer-link-form"
      aria-label={t('profile.linkLabel')}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="customer-link-row">
        <label className="field">
          <span>{t('profile.linkChannel')}</span>
          <select value={channel} onChange={(e) => setChannel(e.target.value as CustomerChannel)}>
            <option value="sms">{t('channel.sms')}</option>
            <option value="whatsapp">{t('channel.whatsapp')}</option>
          </select>
        </label>
        <div className="field">
          <label htmlFor={`${id}-number`}>{t('profile.linkNumber')}</label>
          <input
            id={`${id}-number`}
            type="tel"
            value={number}
            autoComplete="off"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? fieldErrorId(`${id}-number`) : undefined}
            onChange={(e) => {
              setNumber(e.target.value);
              setError(null);
            }}
          />
        </div>
      </div>
      <FieldError id={`${id}-number`} message={error} />
      <div className="customer-form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('profile.link')}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
