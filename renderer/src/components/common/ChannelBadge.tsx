import { CHANNEL_LABEL, type ChannelBadge as Channel } from '../../../../shared/domain/channel';

export function ChannelBadge({ channel }: { channel: Channel }) {
  return <span className={`channel-badge channel-${channel}`}>{CHANNEL_LABEL[channel]}</span>;
}

export function channelOfType(type: string): Channel {
  return type === 'sms' || type === 'whatsapp' || type === 'chat' ? type : 'mixed';
}
