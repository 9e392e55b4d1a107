import { ParticipantLookup } from '../conversations/participant-lookup';
import type { ConversationRecord, ParticipantRecord, UserRecord } from '../conversations/records';
import type { ConversationsService } from '../conversations/service';
import { TwilioError, badRequest } from '../util/errors';
import { PREFIXES, type RestCtx, type RestRouter } from './context';
import { paginate } from './paging';
import { userResource } from './resources';
import { userConversationResource } from './user-conversation-resources';

const findUser = (svc: ConversationsService, sidOrIdentity: string): UserRecord => {
  const u = svc.users.get(sidOrIdentity) ?? svc.findUser(sidOrIdentity);
  if (!u) throw new TwilioError(404, 20404, `User ${sidOrIdentity} not found`);
  return u;
};

/** The user's conversation by sid or unique name, with their participant in it; 404 when they take no part. */
function findUserConversation(svc: ConversationsService, u: UserRecord, sidOrUniqueName: string): { c: ConversationRecord; p: ParticipantRecord } {
  const c = svc.findConversation(sidOrUniqueName);
  const p = c ? ParticipantLookup.of(svc).participant('identity', u.identity, c.sid) : undefined;
  if (!c || !p) throw new TwilioError(404, 20404, `User ${u.identity} takes no part in conversation ${sidOrUniqueName}`);
  return { c, p };
}

const NOTIFICATION_LEVELS = ['default', 'muted'] as const;

/**
 * `/Users` (list, create, fetch and update by sid or identity) and each user's
 * `/Users/{sid or identity}/Conversations` (the User Conversation resource: list, fetch, update,
 * and delete, which takes the user out of the conversation). Deleting a user is not offered: the
 * domain has no notion of it, so DELETE on a user answers 405 rather than pretending.
 */
export function userRoutes(router: RestRouter): void {
  for (const prefix of PREFIXES) {
    router.on('GET', `${prefix}/Users`, (ctx) => {
      const all = [...ctx.svc.users.values()].sort((a, b) => (a.dateCreated + a.sid < b.dateCreated + b.sid ? -1 : 1));
      const { page, meta } = paginate(all, (u) => u.dateCreated + u.sid, { params: ctx.params, listUrl: `${ctx.base}/Users`, key: 'users' });
      return { status: 200, body: { users: page.map((u) => userResource(ctx.svc, ctx.base, u)), meta } };
    });

    router.on('POST', `${prefix}/Users`, (ctx) => {
      const identity = ctx.params.required('Identity');
      const input = { friendlyName: ctx.params.str('FriendlyName'), attributes: ctx.params.attributes('User'), roleSid: ctx.params.str('RoleSid') || undefined };
      const u = ctx.mutate(() => ctx.svc.createUser(identity, input));
      return { status: 201, body: userResource(ctx.svc, ctx.base, u) };
    });

    router.on('GET', `${prefix}/Users/:user`, (ctx, { user }) => ({ status: 200, body: userResource(ctx.svc, ctx.base, findUser(ctx.svc, user as string)) }));

    router.on('POST', `${prefix}/Users/:user`, (ctx, { user }) => {
      const found = findUser(ctx.svc, user as string);
      const attributes = ctx.params.attributes('User');
      const friendlyName = ctx.params.has('FriendlyName') ? ctx.params.str('FriendlyName') || null : undefined;
      const roleSid = ctx.params.str('RoleSid') || undefined;
      const u = ctx.mutate(() => ctx.svc.updateUser(found.identity, { friendlyName, attributes, roleSid }));
      return { status: 200, body: userResource(ctx.svc, ctx.base, u) };
    });

    userConversationRoutes(router, `${prefix}/Users/:user/Conversations`);
  }
}

/**
 * The User Conversation resource. The list comes from the identity's index (conversation-sid
 * order, the order of the SDK's own list of a user's conversations), so a page costs the page,
 * whatever the size of the service.
 */
function userConversationRoutes(router: RestRouter, list: string): void {
  router.on('GET', list, (ctx, { user }) => {
    const u = findUser(ctx.svc, user as string);
    const lookup = ParticipantLookup.of(ctx.svc);
    const { page, meta } = paginate(lookup.conversationSids('identity', u.identity), (sid) => sid, {
      params: ctx.params,
      listUrl: `${ctx.base}/Users/${u.sid}/Conversations`,
      key: 'conversations',
    });
    const conversations = page.flatMap((sid) => {
      const c = ctx.svc.conversations.get(sid);
      const p = lookup.participant('identity', u.identity, sid);
      return c && p ? [userConversationResource(ctx.svc, ctx.base, u, c, p)] : [];
    });
    return { status: 200, body: { conversations, meta } };
  });

  router.on('GET', `${list}/:conversation`, (ctx, { user, conversation }) => {
    const u = findUser(ctx.svc, user as string);
    const { c, p } = findUserConversation(ctx.svc, u, conversation as string);
    return { status: 200, body: userConversationResource(ctx.svc, ctx.base, u, c, p) };
  });

  router.on('POST', `${list}/:conversation`, (ctx, { user, conversation }) => {
    const u = findUser(ctx.svc, user as string);
    const { c } = findUserConversation(ctx.svc, u, conversation as string);
    const patch = userConversationPatch(ctx);
    const p = ctx.mutate((actor) => ctx.svc.updateUserConversation(c.sid, u.identity, patch, actor));
    return { status: 200, body: userConversationResource(ctx.svc, ctx.base, u, ctx.svc.getConversation(c.sid), p) };
  });

  router.on('DELETE', `${list}/:conversation`, (ctx, { user, conversation }) => {
    const u = findUser(ctx.svc, user as string);
    const { c, p } = findUserConversation(ctx.svc, u, conversation as string);
    ctx.mutate((actor) => ctx.svc.removeParticipant(c.sid, p.sid, actor));
    return { status: 204 };
  });
}

/**
 * `NotificationLevel`, `LastReadTimestamp` and `LastReadMessageIndex` (UpdateUserConversationRequest).
 * The index is nullable in the spec; twilio's helper sends a null as an empty value.
 */
function userConversationPatch(ctx: RestCtx): { notificationLevel?: 'default' | 'muted'; lastReadIndex?: number | null; lastReadTimestamp?: string } {
  const p = ctx.params;
  const rawIndex = p.str('LastReadMessageIndex');
  const lastReadIndex = rawIndex === undefined ? undefined : rawIndex === '' || rawIndex === 'null' ? null : p.int('LastReadMessageIndex', 0, Number.MAX_SAFE_INTEGER);
  const patch = { notificationLevel: p.oneOf('NotificationLevel', NOTIFICATION_LEVELS), lastReadIndex, lastReadTimestamp: p.date('LastReadTimestamp') };
  if (p.has('NotificationLevel') && !patch.notificationLevel) throw badRequest('NotificationLevel must be one of default, muted');
  return patch;
}
