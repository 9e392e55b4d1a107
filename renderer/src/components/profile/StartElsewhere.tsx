/**
 * Reply on another channel: a new conversation with the same person on SMS or WhatsApp, from one of
 * the account's numbers or WhatsApp senders. Main creates it over REST (the customer, then the
 * agent); it opens read-only at once and becomes the live thread when the SDK announces it.
 */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPhoneNumber } from '../../../../shared/domain/address';
import { bareNumber, channelOfAddress, type AccountNumbers, type CustomerChannel, type CustomerProfile } from '../../../../shared/ipc/customer-schema';
import { openInboxRow } from '../../keyboard/inbox-keys';
import { getDesk } from '../../platform/desk';
import { useDeskStoreApi } from '../../store';
import { FieldError } from '../common/FieldError';

/** The customer's address on `channel`: a linked one if there is one, else the same number there. */
const addressOn = (profile: CustomerProfile, channel: CustomerChannel): string =>
  profile.addresses.find((a) => channelOfAddress(a) === channel) ?? (channel === 'whatsapp' ? `whatsapp:${bareNumber(profile.address)}` : bareNumber(profile.address));

const digits = (s: string) => s.replace(/\D/g, '');
/** A number, with its friendly name when that says more than the number written another way ("(500) 555-0006"). */
const numberLabel = (n: { number: string; friendlyName: string | null }): string => {
  const shown = formatPhoneNumber(n.number);
  const name = n.friendlyName?.trim();
  if (!name || (digits(name) !== '' && digits(n.number).endsWith(digits(name)))) return shown;
  return `${shown} (${name})`;
};

export function StartElsewhere({ profile }: { profile: CustomerProfile }) {
  const { t } = useTranslation();
  const id = useId();
  const store = useDeskStoreApi();
  const [channel, setChannel] = useState<CustomerChannel>(channelOfAddress(profile.address) === 'sms' ? 'whatsapp' : 'sms');
  const [numbers, setNumbers] = useState<AccountNumbers | null>(null);
  const [proxy, setProxy] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    void getDesk()
      .accountNumbers()
      .then((r) => {
        if (!current) return;
        if (r.ok) setNumbers(r.value);
        else setError(r.error.message);
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, []);

  const choices = numbers ? numbers[channel] : [];
  const chosen = choices.some((n) => n.number === proxy) ? proxy : (choices[0]?.number ?? '');
  const target = addressOn(profile, channel);

  const start = async () => {
    if (!chosen) {
      setError(t('profile.noNumbers'));
      return;
    }
    setBusy(true);
    const r = await getDesk().startCustomerConversation({ address: target, proxyAddress: chosen, profileAddress: profile.address });
    setBusy(false);
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    setError(null);
    openInboxRow(store, r.value.conversationSid);
  };

  return (
    <form
      className="customer-start"
      aria-label={t('profile.startLabel')}
      onSubmit={(e) => {
        e.preventDefault();
        void start();
      }}
    >
      <h4>{t('profile.startHeading')}</h4>
      <div className="customer-link-row">
        <label className="field">
          <span>{t('profile.startChannel')}</span>
          <select
            value={channel}
            onChange={(e) => {
              setChannel(e.target.value as CustomerChannel);
              setProxy('');
              setError(null);
            }}
          >
            <option value="sms">{t('channel.sms')}</option>
            <option value="whatsapp">{t('channel.whatsapp')}</option>
          </select>
        </label>
        <label className="field">
          <span>{t('profile.startFrom')}</span>
          <select value={chosen} onChange={(e) => setProxy(e.target.value)} disabled={choices.length === 0}>
            {choices.map((n) => (
              <option key={n.number} value={n.number}>
                {numberLabel(n)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="customer-profile-note" id={`${id}-to`}>
        {t('profile.startTo', { address: formatPhoneNumber(target) })}
      </p>
      <FieldError id={`${id}-start`} message={error} />
      <button type="submit" className="primary" disabled={busy || numbers === null} aria-describedby={`${id}-to`}>
        {t('profile.startButton', { channel: t(`channel.${channel}`) })}
      </button>
    </form>
  );
}
