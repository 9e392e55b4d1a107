/** Filters within the current view: channel, unread only, assignee (the service's agents). */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useDeskStore } from '../../store';
import type { ChannelFilter } from '../../store/queue-slice';

const CHANNELS: ChannelFilter[] = ['sms', 'whatsapp', 'chat'];

// memo: the inbox re-renders on every keystroke; these read the store themselves.
export const ViewFilters = memo(function ViewFilters() {
  const { t } = useTranslation();
  const filters = useDeskStore((s) => s.viewFilters);
  const setFilters = useDeskStore((s) => s.setViewFilters);
  const me = useDeskStore((s) => s.session?.identity ?? null);
  // The picker offers the service's agents, and whoever a filter or the agent already names.
  const agents = useDeskStore(useShallow((s) => [...new Set([...(me ? [me] : []), ...s.agents, ...(s.viewFilters.assignee ? [s.viewFilters.assignee] : [])])]));
  return (
    <div className="view-filters">
      <select aria-label={t('views.filterChannel')} value={filters.channel ?? ''} onChange={(e) => setFilters({ channel: (e.target.value || null) as ChannelFilter | null })}>
        <option value="">{t('views.anyChannel')}</option>
        {CHANNELS.map((c) => (
          <option key={c} value={c}>
            {t(`channel.${c}`)}
          </option>
        ))}
      </select>
      <select aria-label={t('views.filterAssignee')} value={filters.assignee ?? ''} onChange={(e) => setFilters({ assignee: e.target.value || null })}>
        <option value="">{t('views.anyAssignee')}</option>
        {agents.map((a) => (
          <option key={a} value={a}>
            {a === me ? t('views.meOption', { name: a }) : a}
          </option>
        ))}
      </select>
      <button type="button" className={`small view-unread${filters.unreadOnly ? ' active' : ''}`} aria-pressed={filters.unreadOnly} onClick={() => setFilters({ unreadOnly: !filters.unreadOnly })}>
        {t('views.unreadOnly')}
      </button>
    </div>
  );
});
