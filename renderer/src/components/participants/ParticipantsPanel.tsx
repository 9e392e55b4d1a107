/** Right pane: who is in the conversation, on which channel and number, with add/remove. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPhoneNumber } from '../../../../shared/domain/address';
import { useActions, useDeskStore } from '../../store';
import { selectParticipants } from '../../store/selectors';
import type { ParticipantSnapshot } from '../../store/types';
import { Avatar } from '../common/Avatar';
import { ChannelBadge, channelOfType } from '../common/ChannelBadge';
import { Icon } from '../common/Icon';
import { personName } from '../common/names';
import { AddParticipantForm } from './AddParticipantForm';
import './participants.css';

export function ParticipantsPanel() {
  const { t } = useTranslation();
  const { removeParticipant } = useActions();
  const sid = useDeskStore((s) => s.selectedSid);
  const list = useDeskStore((s) => selectParticipants(s, s.selectedSid));
  const me = useDeskStore((s) => s.session?.identity ?? null);
  const userNames = useDeskStore((s) => s.userNames);
  const conversation = useDeskStore((s) => (s.selectedSid ? s.conversations.get(s.selectedSid) : undefined));
  const close = useDeskStore((s) => s.toggleParticipants);
  const [errors, setErrors] = useState<Record<string, string>>({});
  if (!sid) return null;

  const remove = async (p: ParticipantSnapshot) => {
    const r = await removeParticipant(sid, p.sid);
    setErrors((prev) => {
      const next = { ...prev };
      if (r.ok) delete next[p.sid];
      else next[p.sid] = r.message;
      return next;
    });
  };

  return (
    <aside className="participants" aria-label={t('participants.label')}>
      <header className="participants-header">
        <h2>{t('participants.heading', { count: list.length })}</h2>
        <button type="button" className="ghost icon" aria-label={t('participants.close')} title={t('common.close')} onClick={() => close(false)}>
          <Icon name="close" />
        </button>
      </header>
      <ul className="participant-list">
        {list.map((p) => {
          const name = personName(p, userNames, list, conversation);
          // The handle under the name: the phone number, or a chat identity that differs from the name.
          const handle = p.address ? formatPhoneNumber(p.address) : p.identity && p.identity !== name ? p.identity : null;
          return (
            <li key={p.sid} className="participant">
              <Avatar name={name} size={28} />
              <span className="participant-main">
                <span className="participant-name-row">
                  <span className="participant-name" title={name}>
                    {name}
                    {p.identity === me && <span className="you"> {t('common.youSuffix')}</span>}
                  </span>
                  <ChannelBadge channel={channelOfType(p.type)} />
                </span>
                {(handle || p.proxy) && (
                  <span className="participant-detail">
                    {handle && <span className="participant-handle">{handle}</span>}
                    {p.proxy && <span>{t('participants.via', { number: formatPhoneNumber(p.proxy) })}</span>}
                  </span>
                )}
                {errors[p.sid] && (
                  <span className="inline-error" role="alert">
                    {errors[p.sid]}
                  </span>
                )}
              </span>
              {p.identity !== me && (
                <button
                  type="button"
                  className="ghost icon small-icon remove-button"
                  aria-label={handle ? t('participants.removeNamedHandle', { name, handle }) : t('participants.removeNamed', { name })}
                  title={t('participants.removeHint')}
                  onClick={() => void remove(p)}
                >
                  <Icon name="userMinus" size={15} />
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <AddParticipantForm key={sid} sid={sid} />
    </aside>
  );
}
