/**
 * Limits the emulator enforces, with the messages an agent sees. Values follow Twilio's published
 * limits; each says where it comes from.
 */
export const MB = 1024 * 1024;
export const KB = 1024;

export const LIMITS = {
  // https://www.twilio.com/docs/conversations/media-support-conversations: chat attachments up
  // to 150 MB, 10 per message; MMS 5 MB in total; WhatsApp one attachment of at most 16 MB.
  chatFileBytes: 150 * MB,
  mediaPerMessage: 10,
  mmsTotalBytes: 5 * MB,
  whatsappFileBytes: 16 * MB,
  whatsappMediaPerMessage: 1,
  // https://www.twilio.com/docs/conversations/conversations-limits ("Length limits"): Message
  // Body "Inbound: 32KB. Outbound: depends on channel — WhatsApp and SMS: 1600 characters;
  // Chat: 32KB". Chat bodies are measured in UTF-8 bytes, SMS/WhatsApp bodies in characters.
  bodyBytes: 32 * KB,
  smsBodyChars: 1600,
  // Same page: Conversation FriendlyName 256 characters; Participant Identity,
  // MessagingBinding.Address and MessagingBinding.ProxyAddress 256 characters.
  friendlyNameChars: 256,
  identityChars: 256,
  addressChars: 256,
  // Twilio publishes no length for a conversation's UniqueName (twilio_conversations_v1.json only
  // says "an application-defined string"); 256 is the length of every other name on that page.
  uniqueNameChars: 256,
  // https://www.twilio.com/docs/conversations/states-timers: "the Conversations per user limit of
  // 1,000"; only active and inactive conversations count, closed ones do not.
  conversationsPerIdentity: 1000,
  // twilio_conversations_v1.json (Conversation create/update): Timers.Inactive "Minimum value for
  // this timer is 1 minute", Timers.Closed "Minimum value for this timer is 10 minutes".
  timerInactiveMinMs: 60_000,
  timerClosedMinMs: 10 * 60_000,
} as const;

/**
 * Attributes are stored as JSON text; the limits are on its size in bytes.
 * https://www.twilio.com/docs/conversations/attributes: "Participant (up to 4 KB), User (up to
 * 16 KB), Conversation (up to 16 KB), Message (up to 4 KiB)"; the limits page says the same for
 * Conversation, Message and Participant.
 */
export const ATTRIBUTES_BYTES = {
  Conversation: 16 * KB,
  User: 16 * KB,
  Message: 4 * KB,
  Participant: 4 * KB,
} as const;
export type AttributesOwner = keyof typeof ATTRIBUTES_BYTES;

/**
 * Twilio error codes used for these rules (https://www.twilio.com/docs/api/errors/CODE). The
 * "too long" codes come from Twilio's error dictionary for Programmable Chat, which Conversations
 * shares: 50003 Friendly name too long, 50004 Unique Name too long, 50207 Identity too long,
 * 50303 Attributes too long, 50304 Attributes not valid JSON, 50306 Unique name should not match
 * the channel SID pattern, 50504 Message body parameter is too long. The dictionary names only
 * one attributes code pair (documented for channels); the emulator uses it for every resource.
 */
export const CODES = {
  conversationNotFound: 50350,
  uniqueNameTaken: 50353,
  participantNotFound: 50432,
  chatParticipantExists: 50433,
  bindingParticipantExists: 50437,
  // 50416 "Participant and proxy address pair is already in use" (in another active conversation).
  bindingInUse: 50416,
  // ConversationWithParticipants' own codes (https://www.twilio.com/docs/api/errors/CODE): 50424
  // "One of the JSON requests for participant creation is invalid.", 50425 "Participant and
  // proxy address pairs for one or more participants already in use." (that endpoint's 50416),
  // 50426 "Request contains too many participants." Twilio publishes no HTTP status for them;
  // the emulator answers 400 for the two malformed-request codes and 409 for 50425, as for
  // 50416. 50427 "Errors occurred during multiple participants creation." is for a failure
  // after Twilio's validation (simultaneous conflicting requests; the conversation is then
  // closed): the emulator validates and writes in one synchronous step, so it never has one.
  participantJsonInvalid: 50424,
  bindingPairsInUse: 50425,
  tooManyParticipants: 50426,
  invalidAddress: 50407,
  notParticipant: 50107,
  // 50107 "User not authorized for command": "not authorized for this command due to his Role or
  // Permissions set" (https://www.twilio.com/docs/api/errors/50107), the same code as above.
  notAuthorized: 50107,
  messageNotFound: 50500,
  // 50507 "Media not found"; 50512 "Message media size is too large" (for the conversation's
  // channels); 21623 "Number of media files exceeds allowed limit" (up to 10 per message);
  // 11751 "Media exceeds messaging provider size limit" (MMS 5 MB, WhatsApp 16 MB) for what a
  // customer's phone sends in.
  mediaNotFound: 50507,
  mediaTooLarge: 50512,
  tooManyMedia: 21623,
  carrierMediaTooLarge: 11751,
  invalidParameter: 20001,
  userExists: 50201,
  friendlyNameTooLong: 50003,
  uniqueNameTooLong: 50004,
  identityTooLong: 50207,
  attributesTooLong: 50303,
  attributesInvalid: 50304,
  uniqueNameLooksLikeSid: 50306,
  bodyTooLong: 50504,
  // States and timers (https://www.twilio.com/docs/api/errors/CODE): 50375 "TimeToInactive should
  // be greater or equal to 1 minute", 50376 "TimeToClosed should be greater or equal to 10
  // minutes", 50377 "Can't update conversation as it's in final closed state" ("it can't be used
  // for chatting anymore": messages and participants too), 50379 / 50380 "TimeToInactive /
  // TimeToClosed format is invalid", 50382 "Timer can't be set without state" (on creation),
  // 50384 "Initial state can't be 'closed'".
  timerInactiveTooShort: 50375,
  timerClosedTooShort: 50376,
  conversationClosed: 50377,
  timerInactiveInvalid: 50379,
  timerClosedInvalid: 50380,
  timerWithoutState: 50382,
  initialStateClosed: 50384,
  // 50214 "User conversation limit exceeded" ("User has joined too many conversations").
  userConversationLimit: 50214,
  // 50396 "EndDate parameter should be greater than StartDate parameter" (conversation list).
  endDateBeforeStartDate: 50396,
} as const;

export const formatMb = (bytes: number): string => `${(bytes / MB).toFixed(1)} MB`;
