/**
 * Attachment limits per channel, checked before anything is uploaded. Pure: no DOM, no node.
 * Numbers follow Twilio's documented limits: MMS 5 MB per message and 10 media; WhatsApp one media
 * of up to 16 MB, images only up to 5 MB (Twilio's "Guidance on WhatsApp Media Messages"); chat (Conversations SDK) 10 attachments, each well under the service's 150 MB.
 */
import { englishT, type Translate } from '../i18n/translator';

export type AttachmentChannel = 'sms' | 'whatsapp' | 'chat';

export interface AttachmentCandidate {
  name: string;
  type: string;
  size: number;
}

export interface ChannelLimits {
  maxCount: number;
  /** Sum of all attachments in one message, bytes. */
  maxTotalBytes: number;
  /** One attachment, bytes. */
  maxEachBytes: number;
  /** One image, bytes (WhatsApp takes images only up to 5 MB of its 16). */
  maxImageBytes: number;
  /** English, for logs; messages name the channels from the catalogue (`attachments.channel.*`). */
  label: string;
  channels: AttachmentChannel[];
}

const MB = 1024 * 1024;

export const CHANNEL_LIMITS: Record<AttachmentChannel, ChannelLimits> = {
  sms: { maxCount: 10, maxTotalBytes: 5 * MB, maxEachBytes: 5 * MB, maxImageBytes: 5 * MB, label: 'SMS/MMS', channels: ['sms'] },
  whatsapp: { maxCount: 1, maxTotalBytes: 16 * MB, maxEachBytes: 16 * MB, maxImageBytes: 5 * MB, label: 'WhatsApp', channels: ['whatsapp'] },
  chat: { maxCount: 10, maxTotalBytes: 150 * MB, maxEachBytes: 100 * MB, maxImageBytes: 100 * MB, label: 'Chat', channels: ['chat'] },
};

/** Media types an agent can send on every channel we support. */
const ALLOWED_TYPES = new Set([
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'application/pdf',
  'audio/mpeg',
  'audio/ogg',
  'video/mp4',
  'text/plain',
  'text/vcard',
]);

export function isAllowedType(contentType: string): boolean {
  return ALLOWED_TYPES.has(contentType.toLowerCase());
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < MB) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / MB).toFixed(1).replace(/\.0$/, '')} MB`;
}

/** Whom attachments reach, from the participants' types: customer channels if any, otherwise only chat users. */
export function channelsReached(participantTypes: readonly string[]): AttachmentChannel[] {
  const external = participantTypes.filter((t): t is 'sms' | 'whatsapp' => t === 'sms' || t === 'whatsapp');
  return external.length > 0 ? [...new Set(external)] : ['chat'];
}

/** "5 MB", "1,5 Mo": sizes in the translator's language, as the window writes them. */
export function sizeText(bytes: number, t: Translate = englishT): string {
  if (bytes < 1024) return t('common.sizeBytes', { value: bytes });
  if (bytes < MB) return t('common.sizeKilobytes', { value: Math.round(bytes / 1024) });
  return t('common.sizeMegabytes', { value: bytes / MB });
}

/**
 * Every problem with the set, in words an agent can act on, in `t`'s language (the window passes
 * its `i18n.t`; English without one). Empty means the set may be sent. A conversation that mixes
 * channels gets the strictest limits of all of them.
 */
export function checkAttachments(
  channels: readonly AttachmentChannel[],
  files: readonly AttachmentCandidate[],
  t: Translate = englishT,
): string[] {
  const errors: string[] = [];
  const limits = strictestLimits(channels.length > 0 ? channels : ['chat']);
  const channel = limits.channels.map((c) => t(`attachments.channel.${c}`)).join(' + ');
  const size = (bytes: number) => sizeText(bytes, t);
  for (const f of files) {
    if (!isAllowedType(f.type)) {
      errors.push(f.type ? t('attachments.unsupported', { name: f.name, type: f.type }) : t('attachments.unsupportedUnknown', { name: f.name }));
    } else {
      const max = f.type.toLowerCase().startsWith('image/') ? Math.min(limits.maxImageBytes, limits.maxEachBytes) : limits.maxEachBytes;
      if (f.size > max) errors.push(t('attachments.tooBig', { name: f.name, size: size(f.size), channel, max: size(max) }));
    }
  }
  if (files.length > limits.maxCount) errors.push(t('attachments.tooMany', { channel, count: limits.maxCount }));
  const total = files.reduce((sum, f) => sum + f.size, 0);
  if (files.length > 1 && total > limits.maxTotalBytes) {
    errors.push(t('attachments.tooBigTotal', { size: size(total), channel, max: size(limits.maxTotalBytes) }));
  }
  return errors;
}

export function strictestLimits(channels: readonly AttachmentChannel[]): ChannelLimits {
  const unique = [...new Set(channels)];
  const all = unique.map((c) => CHANNEL_LIMITS[c]);
  if (all.length === 0) return CHANNEL_LIMITS.chat;
  return {
    maxCount: Math.min(...all.map((l) => l.maxCount)),
    maxTotalBytes: Math.min(...all.map((l) => l.maxTotalBytes)),
    maxEachBytes: Math.min(...all.map((l) => l.maxEachBytes)),
    maxImageBytes: Math.min(...all.map((l) => l.maxImageBytes)),
    label: all.map((l) => l.label).join(' + '),
    channels: unique,
  };
}
