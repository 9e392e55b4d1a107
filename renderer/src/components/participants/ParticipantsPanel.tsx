/** Right pane: who is in the conversation, on which channel and number, with add/remove. */
import { Suspense, useCallback, useMemo, useState } from 'react';
import type { Restorable } from '../../sdk/actions/participant-actions';
import { useTranslation } from 'react-i18next';
import { formatPhoneNumber } from '../../../../shared/domain/address';
import { useActions, useDeskStore } from '../../store';
import type { ParticipantSnapshot } from '../../store/types';
import { Avatar } from '../common/Avatar';
import { ChannelBadge, channelOfType } from '../common/ChannelBadge';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { Icon } from '../common/Icon';
import { personName } from '../common/names';
import { LazyCustomerProfilePanel } from '../lazy-screens';
import { AddParticipantForm } from './AddParticipantForm';
import { useRosterShown } from './roster-shown';
import { UndoToast } from './UndoToast';
import './participants.css';

const NO_CONVERSATION = Symbol('no conversation');

export function ParticipantsPanel() {
  const { t } = useTranslation();
  const { removeParticipant, restoreParticipant } = useActions();
  const sid = useDeskStore((s) => s.selectedSid);
  const list = useRosterShown();
  const me = useDeskStore((s) => s.session?.identity ?? null);
  const userNames = useDeskStore((s) => s.userNames);
  // Names need the conversation's friendly name only: the whole snapshot changes with every message.
  const friendlyName = useDeskStore((s) => {
    const c = s.selectedSid ? s.conversations.get(s.selectedSid) : undefined;
    return c ? c.friendlyName : NO_CONVERSATION;
  });
  const conversation = useMemo(() => (friendlyName === NO_CONVERSATION ? undefined : { friendlyName }), [friendlyName]);
  const close = useDeskStore((s) => s.toggleParticipants);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [confirming, setConfirming] = useState<{ p: ParticipantSnapshot; name: string; handle: string | null } | null>(null);
  const [undo, setUndo] = useState<{ sid: string; name: string; removed: Restorable } | null>(null);
  const dismissUndo = useCallback(() => setUndo(null), []);
  if (!sid) return null;

  /** Resolves with the error to show in the confirm dialog, or null once removed. */
  const remove = async (p: ParticipantSnapshot, name: string): Promise<string | null> => {
    const r = await removeParticipant(sid, p.sid);
    if (!r.ok) return r.message;
    setErrors(({ [p.sid]: _gone, ...rest }) => rest);
    if (r.removed) setUndo({ sid, name, removed: r.removed });
    return null;
  };
  const restore = async () => {
    if (!undo) return;
    const { sid: where, removed } = undo;
    setUndo(null);
    const r = await restoreParticipant(where, removed);
    if (!r.ok) setErrors((prev) => ({ ...prev, form: r.message }));
  };
  const customer = confirming !== null && (confirming.p.type === 'sms' || confirming.p.type === 'whatsapp');
  // The customer as one person (profile, addresses, conversations), above who is in this conversation.
  const profiled = list.find((p) => (p.type === 'sms' || p.type === 'whatsapp') && p.address !== null);

  return (
    <aside className="participants" aria-label={t('participants.label')}>
      <header className="participants-header">
        <h2>{t('participants.heading', { count: list.length })}</h2>
        <button type="button" className="ghost icon" aria-label={t('participants.close')} title={t('common.close')} onClick={() => close(false)}>
          <Icon name="close" />
        </button>
      </header>
      {profiled?.address && (
        <Suspense fallback={null}>
          <LazyCustomerProfilePanel key={`${sid}:${profiled.address}`} sid={sid} address={profiled.address} nameVersion={profiled.name} profileVersion={profiled.profileVersion ?? null} />
        </Suspense>
      )}
      <ul className="participant-list" aria-label={t('participants.listLabel')}>
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
                  onClick={() => setConfirming({ p, name, handle })}
                >
                  <Icon name="userMinus" size={15} />
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {errors.form && (
        <p className="inline-error participants-error" role="alert">
          {errors.form}
        </p>
      )}
      <AddParticipantForm key={sid} sid={sid} />
      {confirming && (
        <ConfirmDialog
          title={t('participants.removeTitle', { name: confirming.name })}
          message={
            customer
              ? t('participants.removeCustomerMessage', { name: confirming.name, handle: confirming.handle ?? confirming.name })
              : t('participants.removeMessage', { name: confirming.name })
          }
          confirmLabel={customer ? t('participants.removeCustomerConfirm') : t('common.remove')}
          onClose={() => setConfirming(null)}
          onConfirm={() => remove(confirming.p, confirming.name)}
        />
      )}
      {undo && undo.sid === sid && (
        <UndoToast key={undo.removed.identity ?? undo.removed.address} message={t('participants.removed', { name: undo.name })} onUndo={() => void restore()} onDismiss={dismissUndo} />
      )}
    </aside>
  );
}
