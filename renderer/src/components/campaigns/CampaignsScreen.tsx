/** The campaigns tool. */
import { useTranslation } from 'react-i18next';
import { ToolScreen } from '../tools/ToolScreen';

export function CampaignsScreen() {
  const { t } = useTranslation();
  return (
    <ToolScreen tool="campaigns">
      <p className="tool-empty">{t('tools.empty')}</p>
    </ToolScreen>
  );
}
