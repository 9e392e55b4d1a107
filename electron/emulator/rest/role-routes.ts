import type { RoleRecord } from '../conversations/roles';
import { PREFIXES, type RestCtx, type RestRouter } from './context';
import { paginate } from './paging';
import { restDate } from './resources';

/** A Role as Twilio's REST API returns it (twilio_conversations_v1.json, conversations.v1.role). */
export function roleResource(ctx: RestCtx, r: RoleRecord): Record<string, unknown> {
  return {
    sid: r.sid,
    account_sid: ctx.svc.ids.accountSid,
    chat_service_sid: ctx.svc.ids.serviceSid,
    friendly_name: r.friendlyName,
    type: r.type,
    permissions: [...r.permissions],
    date_created: restDate(r.dateCreated),
    date_updated: restDate(r.dateUpdated),
    url: `${ctx.base}/Roles/${r.sid}`,
  };
}

function configurationResource(ctx: RestCtx): Record<string, unknown> {
  const d = ctx.svc.roles.defaults;
  const self = `${ctx.origin}/v1/Services/${ctx.svc.ids.serviceSid}/Configuration`;
  return {
    chat_service_sid: ctx.svc.ids.serviceSid,
    default_conversation_creator_role_sid: d.conversationCreator,
    default_conversation_role_sid: d.conversation,
    default_chat_service_role_sid: d.service,
    url: self,
    links: { notifications: `${self}/Notifications`, webhooks: `${self}/Webhooks` },
    reachability_enabled: true,
  };
}

/**
 * `/Roles` (list, create, fetch, update, delete) at `/v1` and `/v1/Services/{IS}`, and the
 * service's `Configuration` (which roles new participants, conversation creators and users get).
 * Account credentials manage roles; the roles then govern what SDK users may do.
 */
export function roleRoutes(router: RestRouter): void {
  for (const prefix of PREFIXES) {
    router.on('GET', `${prefix}/Roles`, (ctx) => {
      const { page, meta } = paginate(ctx.svc.roles.list(), (r) => r.dateCreated + r.sid, { params: ctx.params, listUrl: `${ctx.base}/Roles`, key: 'roles' });
      return { status: 200, body: { roles: page.map((r) => roleResource(ctx, r)), meta } };
    });

    router.on('POST', `${prefix}/Roles`, (ctx) => {
      const input = { friendlyName: ctx.params.str('FriendlyName') ?? '', type: ctx.params.required('Type'), permissions: ctx.params.list('Permission') };
      const role = ctx.mutate(() => ctx.svc.roles.create(input, ctx.svc.clock.nowIso()));
      return { status: 201, body: roleResource(ctx, role) };
    });

    router.on('GET', `${prefix}/Roles/:role`, (ctx, { role }) => ({ status: 200, body: roleResource(ctx, ctx.svc.roles.get(role as string)) }));

    router.on('POST', `${prefix}/Roles/:role`, (ctx, { role }) => {
      const updated = ctx.mutate(() => ctx.svc.roles.update(role as string, ctx.params.list('Permission'), ctx.svc.clock.nowIso()));
      return { status: 200, body: roleResource(ctx, updated) };
    });

    router.on('DELETE', `${prefix}/Roles/:role`, (ctx, { role }) => {
      const sid = role as string;
      const inUse = (s: string): boolean => [...ctx.svc.participants.values()].some((p) => p.roleSid === s) || [...ctx.svc.users.values()].some((u) => u.roleSid === s);
      ctx.mutate(() => ctx.svc.roles.delete(sid, inUse));
      return { status: 204 };
    });
  }

  const configuration = '/v1/Services/:serviceSid/Configuration';
  router.on('GET', configuration, (ctx) => ({ status: 200, body: configurationResource(ctx) }));
  router.on('POST', configuration, (ctx) => {
    const p = ctx.params;
    const patch = {
      conversationCreator: p.str('DefaultConversationCreatorRoleSid') || undefined,
      conversation: p.str('DefaultConversationRoleSid') || undefined,
      service: p.str('DefaultChatServiceRoleSid') || undefined,
    };
    ctx.mutate(() => ctx.svc.roles.setDefaults(patch));
    return { status: 200, body: configurationResource(ctx) };
  });
}
