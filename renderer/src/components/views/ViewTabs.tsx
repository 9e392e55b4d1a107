/** The inbox's views with live counts: Mine, Unassigned, All open, Snoozed, Resolved. */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeskStore } from '../../store';
import { VIEW_IDS } from '../../store/queue-slice';
import { selectViewCounts } from '../../store/views';

// memo: the inbox re-renders on every keystroke; these read the store themselves.
export const ViewTabs = memo(function ViewTabs() {
  const { t } = useTranslation();
  const counts = useDeskStore(selectViewCounts);
  const view = useDeskStore((s) => s.view);
  const setView = useDeskStore((s) => s.setView);
  return (
    <div className="view-tabs" role="tablist" aria-label={t('views.label')}>
      {VIEW_IDS.map((id) => (
        <button
          key={id}
          type="button"
          role="tab"
          id={`view-tab-${id}`}
          aria-selected={view === id}
          aria-controls="inbox-view-panel"
          className={`view-tab${view === id ? ' active' : ''}`}
          aria-label={t('views.tabLabel', { name: t(`views.name.${id}`), count: counts[id] })}
          onClick={() => setView(id)}
        >
          <span className="view-tab-name">{t(`views.name.${id}`)}</span>
          <span className="view-tab-count" aria-hidden="true">
            {t('views.count', { count: counts[id] })}
          </span>
        </button>
      ))}
    </div>
  );
});
