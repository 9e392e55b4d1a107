import { english, type Translate } from '../desktop/locale';
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
  messageNotFound: 50500,
} as const;

export const twilioCode = (error: unknown): number | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
};

/** The HTTP status of a failed REST call (twilio-node's RestException carries it), if any. */
export const httpStatus = (error: unknown): unknown => (error as { status?: unknown } | null)?.status;

/** A failed REST call in words for the agent; Twilio's own message and code are kept. */
export function toDeskError(error: unknown, context: { identity?: string | null; t?: Translate } = {}): DeskError {
  const t = context.t ?? english;
  if (error instanceof DeskError) return error;
  const code = twilioCode(error);
  const status = httpStatus(error);
  const message = (error as Error | null)?.message ?? String(error);
  if (code === TWILIO_CODES.conversationClosed) {
    return closedError(t);
  }
  if (code === TWILIO_CODES.userConversationLimit) {
    return new DeskError('twilio', t('errors.team.identityLimit', { identity: context.identity ?? '—', code }));
  }
  if (code === TWILIO_CODES.notFound || code === TWILIO_CODES.conversationNotFound || status === 404) {
    return new DeskError('not-found', t('errors.team.notFound'));
  }
  if (code !== undefined) return new DeskError('twilio', t('errors.team.twilio', { message, code }));
  if (typeof status === 'number') return new DeskError('twilio', t('errors.team.http', { message, status }));
  return new DeskError('unavailable', t('errors.team.unreachable', { reason: message }));
}

/** A resolved conversation refuses every change: said before Twilio has to (50377). */
export const closedError = (t: Translate = english): DeskError =>
  new DeskError('twilio', t('errors.team.closed', { code: TWILIO_CODES.conversationClosed }));
