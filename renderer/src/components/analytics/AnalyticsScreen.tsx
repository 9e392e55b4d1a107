/** The analytics tool. */
import { useTranslation } from 'react-i18next';
import { ToolScreen } from '../tools/ToolScreen';

export function AnalyticsScreen() {
  const { t } = useTranslation();
  return (
    <ToolScreen tool="analytics">
      <p className="tool-empty">{t('tools.empty')}</p>
    </ToolScreen>
  );
}
