/**
 * Attachment limits per channel, checked before anything is uploaded. Pure: no DOM, no node.
 * Numbers follow Twilio's documented limits: MMS 5 MB per message and 10 media; WhatsApp one media
 * of up to 16 MB; chat (Conversations SDK) 10 attachments, each well under the service's 150 MB.
 */
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
  label: string;
}

const MB = 1024 * 1024;

export const CHANNEL_LIMITS: Record<AttachmentChannel, ChannelLimits> = {
  sms: { maxCount: 10, maxTotalBytes: 5 * MB, maxEachBytes: 5 * MB, label: 'SMS/MMS' },
  whatsapp: { maxCount: 1, maxTotalBytes: 16 * MB, maxEachBytes: 16 * MB, label: 'WhatsApp' },
  chat: { maxCount: 10, maxTotalBytes: 150 * MB, maxEachBytes: 100 * MB, label: 'Chat' },
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

/**
 * Every problem with the set, in words an agent can act on. Empty means the set may be sent.
 * A conversation that mixes channels gets the strictest limits of all of them.
 */
/** Whom attachments reach, from the participants' types: customer channels if any, otherwise only chat users. */
export function channelsReached(participantTypes: readonly string[]): AttachmentChannel[] {
  const external = participantTypes.filter((t): t is 'sms' | 'whatsapp' => t === 'sms' || t === 'whatsapp');
  return external.length > 0 ? [...new Set(external)] : ['chat'];
}

export function checkAttachments(
  channels: readonly AttachmentChannel[],
  files: readonly AttachmentCandidate[],
): string[] {
  const errors: string[] = [];
  const limits = strictestLimits(channels.length > 0 ? channels : ['chat']);
  for (const f of files) {
    if (!isAllowedType(f.type)) {
      errors.push(`“${f.name}” can't be sent: ${f.type || 'unknown'} files aren't supported (images, PDF, audio, video, text)`);
    } else if (f.size > limits.maxEachBytes) {
      errors.push(`“${f.name}” is ${formatBytes(f.size)}; ${limits.label} allows up to ${formatBytes(limits.maxEachBytes)} per file`);
    }
  }
  if (files.length > limits.maxCount) {
    errors.push(
      limits.maxCount === 1
        ? `${limits.label} allows only 1 attachment per message`
        : `${limits.label} allows up to ${limits.maxCount} attachments per message`,
    );
  }
  const total = files.reduce((sum, f) => sum + f.size, 0);
  if (files.length > 1 && total > limits.maxTotalBytes) {
    errors.push(`Attachments total ${formatBytes(total)}; ${limits.label} allows up to ${formatBytes(limits.maxTotalBytes)} per message`);
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
    label: all.map((l) => l.label).join(' + '),
  };
}
