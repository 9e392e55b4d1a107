import { ParticipantLookup } from '../conversations/participant-lookup';
import { badRequest } from '../util/errors';
import { PREFIXES, type RestRouter } from './context';
import { paginate } from './paging';
import { participantConversationResource } from './user-conversation-resources';

/**
 * `GET /ParticipantConversations?Identity=…|Address=…`, under both prefixes: every conversation a
 * chat identity or a customer address takes part in, "sorted by the conversationSid
 * alphabetically" (https://www.twilio.com/docs/conversations/api/participant-conversation-resource,
 * which also says "Users can provide only one parameter at a time"). Twilio publishes no error code
 * for giving neither or both; the emulator answers them as every other missing or conflicting
 * parameter, 400 / 20001.
 */
export function participantConversationRoutes(router: RestRouter): void {
  for (const prefix of PREFIXES) {
    router.on('GET', `${prefix}/ParticipantConversations`, (ctx) => {
      const identity = ctx.params.str('Identity') || undefined;
      const address = ctx.params.str('Address') || undefined;
      if (identity !== undefined && address !== undefined) throw badRequest('Give either Identity or Address, not both');
      const kind = identity !== undefined ? 'identity' : 'address';
      const key = identity ?? address;
      if (key === undefined) throw badRequest('Missing required parameter Identity or Address');

      const lookup = ParticipantLookup.of(ctx.svc);
      const { page, meta } = paginate(lookup.conversationSids(kind, key), (sid) => sid, {
        params: ctx.params,
        listUrl: `${ctx.base}/ParticipantConversations`,
        key: 'conversations',
        keep: { Identity: identity, Address: address },
      });
      const conversations = page.flatMap((sid) => {
        const c = ctx.svc.conversations.get(sid);
        const p = lookup.participant(kind, key, sid);
        return c && p ? [participantConversationResource(ctx.svc, ctx.base, c, p)] : [];
      });
      return { status: 200, body: { conversations, meta } };
    });
  }
}
