import { CHANNEL_LABEL, type ChannelBadge as Channel } from '../../../../shared/domain/channel';
import { Icon, type IconName } from './Icon';

export function ChannelBadge({ channel }: { channel: Channel }) {
  return <span className={`channel-badge channel-${channel}`}>{CHANNEL_LABEL[channel]}</span>;
}

const CHANNEL_ICON: Record<Channel, IconName> = { sms: 'phone', whatsapp: 'whatsapp', chat: 'message', mixed: 'users' };

/** Compact form for dense rows (the inbox): a coloured glyph; the row's own label names the channel. */
export function ChannelIcon({ channel }: { channel: Channel }) {
  return (
    <span className={`channel-icon channel-${channel}`} title={CHANNEL_LABEL[channel]}>
      <Icon name={CHANNEL_ICON[channel]} size={14} />
    </span>
  );
}

export function channelOfType(type: string): Channel {
  return type === 'sms' || type === 'whatsapp' || type === 'chat' ? type : 'mixed';
}
