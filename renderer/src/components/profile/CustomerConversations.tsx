/**
 * Every conversation with this customer on any of their addresses (Participant Conversations, read
 * by main), newest first. Each opens: the agent's own in the thread, others read-only through the
 * team's read path, resolved ones read-only either way.
 */
import { useTranslation } from 'react-i18next';
import { formatPhoneNumber } from '../../../../shared/domain/address';
import type { CustomerProfile } from '../../../../shared/ipc/customer-schema';
import { openInboxRow } from '../../keyboard/inbox-keys';
import { useDeskStoreApi } from '../../store';
import { ChannelIcon } from '../common/ChannelBadge';
import { formatDay } from '../common/format';
import { namedByNumber } from '../common/names';

export function CustomerConversations({ profile, currentSid }: { profile: CustomerProfile; currentSid: string }) {
  const { t } = useTranslation();
  const store = useDeskStoreApi();
  const list = profile.conversations;
  return (
    <div className="customer-conversations">
      <h4>{t('profile.conversations', { count: list.length })}</h4>
      <ul aria-label={t('profile.conversationsLabel')}>
        {list.map((c) => {
          // Named as the inbox names it: a conversation called only by a number by the customer's name.
          const title = (namedByNumber(c.friendlyName) ? profile.fields.name : c.friendlyName?.trim()) || formatPhoneNumber(c.address);
          const state = c.state === 'closed' ? t('views.stateName.closed') : null;
          const current = c.sid === currentSid;
          const facts = [t(`channel.${c.channel}`), formatDay(c.dateUpdated || c.dateCreated), state, current ? t('profile.thisConversation') : null].filter(Boolean).join(' · ');
          return (
            <li key={`${c.sid}:${c.address}`}>
              <button
                type="button"
                className={`customer-conversation${current ? ' current' : ''}${c.state === 'closed' ? ' closed' : ''}`}
                aria-current={current ? 'true' : undefined}
                aria-label={`${title} · ${facts}`}
                onClick={() => openInboxRow(store, c.sid)}
              >
                <ChannelIcon channel={c.channel} />
                <span className="customer-conversation-main">
                  <span className="customer-conversation-title">{title}</span>
                  <span className="customer-conversation-facts">{facts}</span>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
