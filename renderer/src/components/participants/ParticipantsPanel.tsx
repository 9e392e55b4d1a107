/** Right pane: who is in the conversation, on which channel and number, with add/remove. */
import { useState } from 'react';
import { formatPhoneNumber } from '../../../../shared/domain/address';
import { useDeskStore } from '../../store';
import { selectParticipants } from '../../store/selectors';
import type { ParticipantSnapshot } from '../../store/types';
import { removeParticipant } from '../../sdk/actions';
import { Avatar } from '../common/Avatar';
import { ChannelBadge, channelOfType } from '../common/ChannelBadge';
import { AddParticipantForm } from './AddParticipantForm';
import './participants.css';

export const participantName = (p: ParticipantSnapshot): string =>
  p.identity ?? (p.address ? formatPhoneNumber(p.address) : p.type === 'whatsapp' ? 'WhatsApp customer' : 'SMS customer');

export function ParticipantsPanel() {
  const sid = useDeskStore((s) => s.selectedSid);
  const list = useDeskStore((s) => selectParticipants(s, s.selectedSid));
  const me = useDeskStore((s) => s.session?.identity ?? null);
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
    <aside className="participants" aria-label="Participants">
      <header className="participants-header">
        <h2>Participants ({list.length})</h2>
        <button type="button" className="ghost icon" aria-label="Close participants" onClick={() => close(false)}>
          ×
        </button>
      </header>
      <ul className="participant-list">
        {list.map((p) => {
          const name = participantName(p);
          return (
            <li key={p.sid} className="participant">
              <Avatar name={name} size={28} />
              <span className="participant-main">
                <span className="participant-name">
                  {name}
                  {p.identity === me && <span className="you"> (you)</span>}
                </span>
                <span className="participant-detail">
                  <ChannelBadge channel={channelOfType(p.type)} />
                  {p.address && p.identity && <span>{formatPhoneNumber(p.address)}</span>}
                  {p.proxy && <span>via {formatPhoneNumber(p.proxy)}</span>}
                </span>
                {errors[p.sid] && (
                  <span className="inline-error" role="alert">
                    {errors[p.sid]}
                  </span>
                )}
              </span>
              {p.identity !== me && (
                <button type="button" className="ghost small" aria-label={`Remove ${name}`} onClick={() => void remove(p)}>
                  Remove
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
