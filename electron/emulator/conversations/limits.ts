/**
 * Limits the emulator enforces, with the messages an agent sees. Values follow Twilio's published
 * limits: chat attachments up to 150 MB and 10 per message, MMS 5 MB in total, WhatsApp one
 * attachment of at most 16 MB.
 */
export const MB = 1024 * 1024;

export const LIMITS = {
  chatFileBytes: 150 * MB,
  mediaPerMessage: 10,
  mmsTotalBytes: 5 * MB,
  whatsappFileBytes: 16 * MB,
  whatsappMediaPerMessage: 1,
  bodyChars: 32 * 1024,
} as const;

/** Twilio error codes used for these rules. */
export const CODES = {
  conversationNotFound: 50350,
  uniqueNameTaken: 50353,
  participantNotFound: 50432,
  chatParticipantExists: 50433,
  bindingParticipantExists: 50437,
  invalidAddress: 50407,
  notParticipant: 50107,
  messageNotFound: 50500,
  mediaNotFound: 50513,
  mediaTooLarge: 50517,
  tooManyMedia: 50516,
  mmsTooLarge: 30019,
  invalidParameter: 20001,
} as const;

export const formatMb = (bytes: number): string => `${(bytes / MB).toFixed(1)} MB`;
