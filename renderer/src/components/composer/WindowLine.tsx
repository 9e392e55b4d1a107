/**
 * The WhatsApp window in plain words above the composer: "Window open, 3 h left" or "Window
 * closed: send a template". A status region, so a screen reader hears it change (the customer
 * wrote, or time ran out) without the agent looking.
 */
import { useTranslation } from 'react-i18next';
import { timeLeft } from '../../../../shared/domain/whatsapp-window';
import { Icon } from '../common/Icon';
import type { WhatsAppWindow } from './useWhatsAppWindow';

export function WindowLine({ window: w, onTemplate }: { window: Extract<WhatsAppWindow, { applies: true }>; onTemplate: () => void }) {
  const { t } = useTranslation();
  if (w.checking) {
    return (
      <p className="window-line" role="status">
        {t('whatsappWindow.checking')}
      </p>
    );
  }
  if (w.state.open) {
    const left = timeLeft(w.state.leftMs);
    return (
      <p className="window-line open" role="status" title={t('whatsappWindow.openHint')}>
        <Icon name="clock" size={13} />
        {left.unit === 'hours' ? t('whatsappWindow.openHours', { count: left.value }) : t('whatsappWindow.openMinutes', { count: left.value })}
      </p>
    );
  }
  return (
    <p className="window-line closed" role="status">
      <Icon name="alert" size={13} />
      <span>{t('whatsappWindow.closed')}</span>
      <span className="window-why">{w.state.lastInbound === null ? t('whatsappWindow.closedNever') : t('whatsappWindow.closedWhy')}</span>
      <button type="button" className="link-button" onClick={onTemplate}>
        {t('templates.choose')}
      </button>
    </p>
  );
}
