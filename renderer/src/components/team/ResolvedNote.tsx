/** In place of the composer once a conversation is resolved: Twilio's closed is read-only and final. */
import { useTranslation } from 'react-i18next';
import { Icon } from '../common/Icon';
import './team.css';

export function ResolvedNote() {
  const { t } = useTranslation();
  return (
    <div className="resolved-note" role="note">
      <Icon name="check" size={16} />
      <p>
        <strong>{t('teamActions.resolvedReadOnly')}</strong> {t('teamActions.resolvedNextMessage')}
      </p>
    </div>
  );
}
