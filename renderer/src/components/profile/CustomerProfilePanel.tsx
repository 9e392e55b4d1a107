/**
 * The customer of the open conversation as one person: their profile (kept in Twilio, in their
 * participants' attributes, so every agent sees the same), their addresses on SMS and WhatsApp
 * (linked as one person, or unlinked), every conversation with them on any of those addresses
 * (open or resolved, each openable), and a way to reply on another channel.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPhoneNumber } from '../../../../shared/domain/address';
import type { CustomerProfile } from '../../../../shared/ipc/customer-schema';
import { channelOfAddress } from '../../../../shared/ipc/customer-schema';
import { getDesk } from '../../platform/desk';
import { Avatar } from '../common/Avatar';
import { ChannelBadge } from '../common/ChannelBadge';
import { CustomerConversations } from './CustomerConversations';
import { CustomerForm } from './CustomerForm';
import { LinkAddressForm } from './LinkAddressForm';
import { StartElsewhere } from './StartElsewhere';
import { useCustomerProfile } from './useCustomerProfile';
import './profile.css';

export function CustomerProfilePanel({
  sid,
  address,
  nameVersion,
  profileVersion = null,
}: {
  sid: string;
  address: string;
  nameVersion: string | null;
  profileVersion?: string | null;
}) {
  const { t } = useTranslation();
  const { profile, loading, error, replace } = useCustomerProfile(address, `${nameVersion ?? ''}\u0000${profileVersion ?? ''}`);
  // While the first read is on its way, the name the roster already knows.
  const title = (profile ? profile.fields.name : nameVersion) || formatPhoneNumber(address);

  return (
    <section className="customer-profile" aria-label={t('profile.label')}>
      <header className="customer-profile-header">
        <Avatar name={title} size={36} />
        <div className="customer-profile-title">
          <h3>{title}</h3>
          <span className="customer-profile-sub">{t('profile.heading')}</span>
        </div>
      </header>
      {loading && !profile && (
        <p className="customer-profile-note" role="status">
          {t('profile.loading')}
        </p>
      )}
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
      {profile && (
        <>
          <Addresses profile={profile} sid={sid} onChange={replace} />
          <CustomerForm profile={profile} conversationSid={sid} onSaved={replace} />
          <CustomerConversations profile={profile} currentSid={sid} />
          <StartElsewhere profile={profile} />
        </>
      )}
    </section>
  );
}

function Addresses({ profile, sid, onChange }: { profile: CustomerProfile; sid: string; onChange: (p: CustomerProfile) => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const unlink = async (other: string) => {
    setBusy(other);
    const r = await getDesk().unlinkCustomerAddress({ address: profile.address, other, conversationSid: sid });
    setBusy(null);
    if (r.ok) {
      setError(null);
      onChange(r.value);
    } else setError(r.error.message);
  };

  return (
    <div className="customer-addresses">
      <h4>{t('profile.addresses')}</h4>
      <ul aria-label={t('profile.addresses')}>
        {profile.addresses.map((a) => (
          <li key={a}>
            <ChannelBadge channel={channelOfAddress(a)} />
            <span className="customer-address">{formatPhoneNumber(a)}</span>
            {a !== profile.address && (
              <button
                type="button"
                className="link"
                disabled={busy === a}
                aria-label={t('profile.unlinkNamed', { address: formatPhoneNumber(a), channel: t(`channel.${channelOfAddress(a)}`) })}
                onClick={() => void unlink(a)}
              >
                {t('profile.unlink')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
      <LinkAddressForm profile={profile} sid={sid} onLinked={onChange} />
    </div>
  );
}
