/** The segments tool. */
import { useTranslation } from 'react-i18next';
import { ToolScreen } from '../tools/ToolScreen';

export function SegmentsScreen() {
  const { t } = useTranslation();
  return (
    <ToolScreen tool="segments">
      <p className="tool-empty">{t('tools.empty')}</p>
    </ToolScreen>
  );
}
