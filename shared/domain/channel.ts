/** Which channel badge a conversation shows, derived from its participants. Pure. */
export type ChannelBadge = 'sms' | 'whatsapp' | 'chat' | 'mixed';

/**
 * Agents are chat participants, so chat only counts when nobody else is there: one SMS customer
 * plus two agents is an SMS conversation. Two different customer channels make it "mixed".
 */
export function deriveChannel(participantTypes: readonly string[]): ChannelBadge {
  const external = new Set(participantTypes.filter((t) => t !== 'chat'));
  if (external.size === 0) return 'chat';
  if (external.size > 1) return 'mixed';
  const only = [...external][0];
  return only === 'sms' || only === 'whatsapp' ? only : 'mixed';
}

export const CHANNEL_LABEL: Record<ChannelBadge, string> = {
  sms: 'SMS',
  whatsapp: 'WhatsApp',
  chat: 'Chat',
  mixed: 'Mixed',
};
