/** The webhooks tool. */
import { useTranslation } from 'react-i18next';
import { ToolScreen } from '../tools/ToolScreen';

export function WebhooksScreen() {
  const { t } = useTranslation();
  return (
    <ToolScreen tool="webhooks">
      <p className="tool-empty">{t('tools.empty')}</p>
    </ToolScreen>
  );
}
