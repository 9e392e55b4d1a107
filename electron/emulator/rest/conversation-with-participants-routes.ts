import type { NewParticipant } from '../conversations/service';
import { badRequest } from '../util/errors';
import { PREFIXES, type RestRouter } from './context';
import { conversationResource } from './resources';

/** Twilio's cap on `Participant` values in one request. */
const MAX_PARTICIPANTS = 10;

/**
 * `POST /v1[/Services/{IS}]/ConversationWithParticipants` (twilio-oai `conversations.v1.conversation_with_participants`):
 * a conversation and up to 10 participants in one request, each `Participant` value a JSON object
 * with the Participant resource's parameters in snake case (`identity`, or `messaging_binding`
 * `{address, proxy_address}`; `attributes`, `role_sid`). All or nothing: when a participant is
 * refused (a binding already in another open conversation with that proxy, 50416) the
 * conversation is not left behind. Answers 201 with the conversation resource.
 */
export function conversationWithParticipantsRoutes(router: RestRouter): void {
  for (const prefix of PREFIXES) {
    router.on('POST', `${prefix}/ConversationWithParticipants`, (ctx) => {
      const p = ctx.params;
      const raw = p.list('Participant');
      if (raw.length > MAX_PARTICIPANTS) throw badRequest(`At most ${MAX_PARTICIPANTS} Participant values per request, got ${raw.length}`);
      const participants = raw.map(parseParticipant);
      const states = ['active', 'inactive', 'closed'] as const;
      const c = ctx.mutate((actor) => {
        const created = ctx.svc.createConversation(
          {
            friendlyName: p.str('FriendlyName') || null,
            uniqueName: p.str('UniqueName') || null,
            attributes: p.attributes('Conversation'),
            state: p.oneOf('State', states),
            dateCreated: p.date('DateCreated'),
            timers: { inactive: p.str('Timers.Inactive'), closed: p.str('Timers.Closed') },
          },
          actor,
        );
        try {
          for (const input of participants) ctx.svc.addParticipant(created.sid, input, actor);
        } catch (error) {
          ctx.svc.deleteConversation(created.sid, actor);
          throw error;
        }
        return created;
      });
      return { status: 201, body: conversationResource(ctx.svc, ctx.base, ctx.svc.conversations.get(c.sid) ?? c) };
    });
  }
}

function parseParticipant(raw: string): NewParticipant {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw badRequest('Participant must be a JSON object');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw badRequest('Participant must be a JSON object');
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
