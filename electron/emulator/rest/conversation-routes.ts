import { conversationsInCreationOrder } from '../conversations/creation-order';
import type { ConversationState, ParticipantRecord } from '../conversations/records';
import type { NewParticipant } from '../conversations/service';
import { badRequest } from '../util/errors';
import { PREFIXES, type RestCtx, type RestRouter } from './context';
import { paginate } from './paging';
import { conversationResource, participantResource } from './resources';

const STATES: readonly ConversationState[] = ['active', 'inactive', 'closed'];

/** Sorts by creation, then sid, so equal timestamps still page deterministically. */
const byCreation = (x: { dateCreated: string; sid: string }): string => `${x.dateCreated}|${x.sid}`;

/** `/Conversations` and `/Conversations/{sid}/Participants`, under both prefixes. */
export function conversationRoutes(router: RestRouter): void {
  for (const prefix of PREFIXES) {
    const conv = `${prefix}/Conversations/:conversation`;

    router.on('GET', `${prefix}/Conversations`, (ctx) => {
      const state = ctx.params.oneOf('State', STATES);
      const start = ctx.params.date('StartDate');
      const end = ctx.params.date('EndDate');
      const all = conversationsInCreationOrder(ctx.svc).filter(
        (c) => (!state || c.state === state) && (!start || c.dateCreated >= start) && (!end || c.dateCreated <= end),
      );
      const { page, meta } = paginate(all, byCreation, {
        params: ctx.params,
        listUrl: `${ctx.base}/Conversations`,
        key: 'conversations',
        keep: { State: ctx.params.str('State'), StartDate: ctx.params.str('StartDate'), EndDate: ctx.params.str('EndDate') },
      });
      return { status: 200, body: { conversations: page.map((c) => conversationResource(ctx.svc, ctx.base, c)), meta } };
    });

    router.on('POST', `${prefix}/Conversations`, (ctx) => {
      const p = ctx.params;
      const c = ctx.mutate((actor) =>
        ctx.svc.createConversation(
          {
            friendlyName: p.str('FriendlyName') || null,
            uniqueName: p.str('UniqueName') || null,
            attributes: p.attributes('Conversation'),
            state: p.oneOf('State', STATES),
            dateCreated: p.date('DateCreated'),
          },
          actor,
        ),
      );
      return { status: 201, body: conversationResource(ctx.svc, ctx.base, c) };
    });

    router.on('GET', conv, (ctx, { conversation }) => ({
      status: 200,
      body: conversationResource(ctx.svc, ctx.base, ctx.svc.getConversation(conversation as string)),
    }));

    router.on('POST', conv, (ctx, { conversation }) => {
      const p = ctx.params;
      const sid = ctx.svc.getConversation(conversation as string).sid;
      const c = ctx.mutate((actor) =>
        ctx.svc.updateConversation(
          sid,
          {
            friendlyName: p.has('FriendlyName') ? p.str('FriendlyName') || null : undefined,
            uniqueName: p.has('UniqueName') ? p.str('UniqueName') || null : undefined,
            attributes: p.attributes('Conversation'),
            state: p.oneOf('State', STATES),
          },
          actor,
        ),
      );
      return { status: 200, body: conversationResource(ctx.svc, ctx.base, c) };
    });

    router.on('DELETE', conv, (ctx, { conversation }) => {
      const sid = ctx.svc.getConversation(conversation as string).sid;
      ctx.mutate((actor) => ctx.svc.deleteConversation(sid, actor));
      return { status: 204 };
    });

    router.on('GET', `${conv}/Participants`, (ctx, { conversation }) => {
      const c = ctx.svc.getConversation(conversation as string);
      const all = [...ctx.svc.roster(c.sid)].sort((a, b) => (byCreation(a) < byCreation(b) ? -1 : 1));
      const { page, meta } = paginate(all, byCreation, { params: ctx.params, listUrl: `${ctx.base}/Conversations/${c.sid}/Participants`, key: 'participants' });
      return { status: 200, body: { participants: page.map((x) => participantResource(ctx.svc, ctx.base, x)), meta } };
    });

    router.on('POST', `${conv}/Participants`, (ctx, { conversation }) => {
      const c = ctx.svc.getConversation(conversation as string);
      const input = newParticipant(ctx);
      const x = ctx.mutate((actor) => ctx.svc.addParticipant(c.sid, input, actor));
      return { status: 201, body: participantResource(ctx.svc, ctx.base, x) };
    });

    router.on('GET', `${conv}/Participants/:participant`, (ctx, { conversation, participant }) => {
      const c = ctx.svc.getConversation(conversation as string);
      return { status: 200, body: participantResource(ctx.svc, ctx.base, ctx.svc.getParticipant(c.sid, participant as string)) };
    });

    router.on('POST', `${conv}/Participants/:participant`, (ctx, { conversation, participant }) => {
      const c = ctx.svc.getConversation(conversation as string);
      const x = updateParticipant(ctx, c.sid, ctx.svc.getParticipant(c.sid, participant as string));
      return { status: 200, body: participantResource(ctx.svc, ctx.base, x) };
    });

    router.on('DELETE', `${conv}/Participants/:participant`, (ctx, { conversation, participant }) => {
      const c = ctx.svc.getConversation(conversation as string);
      ctx.mutate((actor) => ctx.svc.removeParticipant(c.sid, participant as string, actor));
      return { status: 204 };
    });
  }
}

function newParticipant(ctx: RestCtx): NewParticipant {
  const p = ctx.params;
  const identity = p.str('Identity');
  const address = p.str('MessagingBinding.Address');
  const common = { attributes: p.attributes('Participant'), roleSid: p.str('RoleSid') || undefined, dateCreated: p.date('DateCreated') };
  if (p.str('MessagingBinding.ProjectedAddress')) {
    throw badRequest('MessagingBinding.ProjectedAddress (group MMS) is not supported by the emulator');
  }
  if (identity && address) throw badRequest('Give either Identity (chat) or MessagingBinding.Address (SMS/WhatsApp), not both');
  if (identity) return { identity, ...common };
  if (address) return { address, proxyAddress: p.str('MessagingBinding.ProxyAddress') ?? null, ...common };
  throw badRequest('Missing required parameter Identity or MessagingBinding.Address in the post body');
}

function updateParticipant(ctx: RestCtx, conversationSid: string, x: ParticipantRecord): ParticipantRecord {
  const p = ctx.params;
  const patch = {
    attributes: p.attributes('Participant'),
    roleSid: p.str('RoleSid') || undefined,
    lastReadIndex: p.int('LastReadMessageIndex', 0, Number.MAX_SAFE_INTEGER),
  };
  return ctx.mutate((actor) => ctx.svc.updateParticipant(conversationSid, x.sid, patch, actor));
}
