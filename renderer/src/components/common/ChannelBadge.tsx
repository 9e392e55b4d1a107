import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelBadge as Channel } from '../../../../shared/domain/channel';
import { useRowT } from './row-t';
import { Icon, type IconName } from './Icon';

// Memoized: rows render again with every message, their channel rarely changes, and
// useTranslation costs more than the span (a language change still renders them).
export const ChannelBadge = memo(function ChannelBadge({ channel }: { channel: Channel }) {
  const { t } = useTranslation();
  return <span className={`channel-badge channel-${channel}`}>{t(`channel.${channel}`)}</span>;
});

const CHANNEL_ICON: Record<Channel, IconName> = { sms: 'phone', whatsapp: 'whatsapp', chat: 'message', mixed: 'users' };

/**
 * Compact form for dense rows (the inbox): a coloured glyph; the row's own label names the channel.
 * Rows' shared `t` (row-t), not useTranslation: the rows a keystroke brings on screen each mount
 * one, and useTranslation's per-mount copy of the i18n instance was the largest part of a mount.
 */
export const ChannelIcon = memo(function ChannelIcon({ channel }: { channel: Channel }) {
  const t = useRowT();
  return (
    <span className={`channel-icon channel-${channel}`} title={t(`channel.${channel}`)}>
      <Icon name={CHANNEL_ICON[channel]} size={14} />
    </span>
  );
});

export function channelOfType(type: string): Channel {
  return type === 'sms' || type === 'whatsapp' || type === 'chat' ? type : 'mixed';
}
