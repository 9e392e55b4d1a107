import { DeskError } from '../errors';

/** Twilio error codes the team actions meet (https://www.twilio.com/docs/api/errors/CODE). */
export const TWILIO_CODES = {
  /** "Can't update conversation as it's in final closed state". */
  conversationClosed: 50377,
  /** "User conversation limit exceeded": a chat identity is in too many active/inactive conversations. */
  userConversationLimit: 50214,
  /** "Participant already exists": adding an agent who is already in. */
  participantExists: 50433,
  notFound: 20404,
  conversationNotFound: 50350,
  participantNotFound: 50432,
} as const;

export const twilioCode = (error: unknown): number | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
};

/** A failed REST call in words for the agent; Twilio's own message and code are kept. */
export function toDeskError(error: unknown, context: { identity?: string | null } = {}): DeskError {
  if (error instanceof DeskError) return error;
  const code = twilioCode(error);
  const status = (error as { status?: unknown } | null)?.status;
  const message = (error as Error | null)?.message ?? String(error);
  if (code === TWILIO_CODES.conversationClosed) {
    return new DeskError('twilio', `This conversation is resolved (closed): Twilio accepts no more changes to it. (Twilio error ${code})`);
  }
  if (code === TWILIO_CODES.userConversationLimit) {
    const who = context.identity ? `${context.identity} is` : 'This agent is';
    return new DeskError(
      'twilio',
      `${who} already in 1,000 open conversations, Twilio's limit for one chat identity. Resolve some of their conversations, then assign again. (Twilio error ${code})`,
    );
  }
  if (code === TWILIO_CODES.notFound || code === TWILIO_CODES.conversationNotFound || status === 404) {
    return new DeskError('not-found', `The conversation no longer exists on Twilio.${code ? ` (Twilio error ${code})` : ''}`);
  }
  if (code !== undefined) return new DeskError('twilio', `${message} (Twilio error ${code})`);
  if (typeof status === 'number') return new DeskError('twilio', `${message} (HTTP ${status})`);
  return new DeskError('unavailable', `Twilio could not be reached: ${message}`);
}
