/** The network is down: say so plainly and reassure that what is sent meanwhile is kept. */
import { useTranslation } from 'react-i18next';
import { useOnline } from '../../hooks/useOnline';

export function OfflineBanner() {
  const { t } = useTranslation();
  const online = useOnline();
  if (online) return null;
  return (
    <div className="offline-banner" role="alert">
      <strong>{t('offline.title')}</strong> {t('offline.body')}
    </div>
  );
}
