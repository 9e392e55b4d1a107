import { CODES } from '../conversations/limits';
import type { NewParticipant } from '../conversations/service';
import { badRequest } from '../util/errors';
import { PREFIXES, type RestRouter } from './context';
import { conversationResource } from './resources';

/** Twilio's cap on `Participant` values in one request (twilio-oai: "The maximum number of participants that can be added in a single request is 10"). */
const MAX_PARTICIPANTS = 10;

/**
 * `POST /v1[/Services/{IS}]/ConversationWithParticipants` (twilio-oai `conversations.v1.conversation_with_participants`):
 * a conversation and up to 10 participants in one request, each `Participant` value a JSON object
 * with the Participant resource's parameters in snake case (`identity`, or `messaging_binding`
 * `{address, proxy_address}`; `attributes`, `role_sid`). Everything is validated before anything
 * is written, as Twilio does ("extensive validation done before conversation with multiple
 * participants creation", error 50427): a Participant that is not a JSON object is 50424, more
 * than 10 is 50426, a customer address already talking to that proxy address in an open
 * conversation is 50425. A refused request leaves no conversation and fires no webhook.
 * Answers 201 with the conversation resource.
 */
export function conversationWithParticipantsRoutes(router: RestRouter): void {
  for (const prefix of PREFIXES) {
    router.on('POST', `${prefix}/ConversationWithParticipants`, (ctx) => {
      const p = ctx.params;
      const raw = p.list('Participant');
      if (raw.length > MAX_PARTICIPANTS) {
        throw badRequest(`Request contains too many participants: at most ${MAX_PARTICIPANTS} Participant values per request, got ${raw.length}`, CODES.tooManyParticipants);
      }
      const participants = raw.map(parseParticipant);
      const states = ['active', 'inactive', 'closed'] as const;
      const input = {
        friendlyName: p.str('FriendlyName') || null,
        uniqueName: p.str('UniqueName') || null,
        attributes: p.attributes('Conversation'),
        state: p.oneOf('State', states),
        dateCreated: p.date('DateCreated'),
        timers: { inactive: p.str('Timers.Inactive'), closed: p.str('Timers.Closed') },
      };
      const c = ctx.mutate((actor) => ctx.svc.createConversationWithParticipants(input, participants, actor));
      return { status: 201, body: conversationResource(ctx.svc, ctx.base, c) };
    });
  }
}

function parseParticipant(raw: string): NewParticipant {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw badRequest('One of the JSON requests for participant creation is invalid: each Participant must be a JSON object', CODES.participantJsonInvalid);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw badRequest('One of the JSON requests for participant creation is invalid: each Participant must be a JSON object', CODES.participantJsonInvalid);
  }
  const v = value as Record<string, unknown>;
  const text = (x: unknown): string | undefined => (typeof x === 'string' && x !== '' ? x : undefined);
  const attributes = v.attributes === undefined ? undefined : typeof v.attributes === 'string' ? v.attributes : JSON.stringify(v.attributes);
  const common = { attributes, roleSid: text(v.role_sid) };
  const binding = v.messaging_binding as Record<string, unknown> | undefined;
  const identity = text(v.identity);
  const address = text(binding?.address);
  if (identity && address) throw badRequest('Give either identity (chat) or messaging_binding.address (SMS/WhatsApp), not both');
  if (identity) return { identity, ...common };
  if (address) return { address, proxyAddress: text(binding?.proxy_address) ?? null, ...common };
  throw badRequest('Participant needs identity or messaging_binding.address');
}
