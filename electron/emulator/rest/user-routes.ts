import type { UserRecord } from '../conversations/records';
import type { ConversationsService } from '../conversations/service';
import { TwilioError } from '../util/errors';
import { PREFIXES, type RestRouter } from './context';
import { paginate } from './paging';
import { userResource } from './resources';

const findUser = (svc: ConversationsService, sidOrIdentity: string): UserRecord => {
  const u = svc.users.get(sidOrIdentity) ?? svc.findUser(sidOrIdentity);
  if (!u) throw new TwilioError(404, 20404, `User ${sidOrIdentity} not found`);
  return u;
};

/**
 * `/Users` (list, create, fetch and update by sid or identity). Deleting a user is not offered:
 * the domain has no notion of it, so DELETE answers 405 rather than pretending.
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
      const input = { friendlyName: ctx.params.str('FriendlyName'), attributes: ctx.params.attributes('User') };
      const u = ctx.mutate(() => ctx.svc.createUser(identity, input));
      return { status: 201, body: userResource(ctx.svc, ctx.base, u) };
    });

    router.on('GET', `${prefix}/Users/:user`, (ctx, { user }) => ({ status: 200, body: userResource(ctx.svc, ctx.base, findUser(ctx.svc, user as string)) }));

    router.on('POST', `${prefix}/Users/:user`, (ctx, { user }) => {
      const found = findUser(ctx.svc, user as string);
      const attributes = ctx.params.attributes('User');
      const friendlyName = ctx.params.has('FriendlyName') ? ctx.params.str('FriendlyName') || null : undefined;
      const u = ctx.mutate(() => ctx.svc.updateUser(found.identity, { friendlyName, attributes }));
      return { status: 200, body: userResource(ctx.svc, ctx.base, u) };
    });
  }
}
