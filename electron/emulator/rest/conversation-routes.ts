import { CODES } from '../conversations/limits';
import type { ConversationRecord, ConversationState, ParticipantRecord } from '../conversations/records';
import type { NewParticipant } from '../conversations/service';
import { badRequest } from '../util/errors';
import type { Params } from './params';
import { PREFIXES, type RestCtx, type RestRouter } from './context';
import { paginate } from './paging';
import { conversationResource, participantResource } from './resources';

const STATES: readonly ConversationState[] = ['active', 'inactive', 'closed'];
/** Filtered, sorted conversation lists kept for paging (one per filter combination in use). */
const LISTS_CACHED = 8;

/** Sorts by creation, then sid, so equal timestamps still page deterministically. */
const byCreation = (x: { dateCreated: string; sid: string }): string => `${x.dateCreated}|${x.sid}`;
/** Newest creation first (Twilio's order once StartDate or EndDate is given), as an increasing key. */
const byCreationDesc = (x: { dateCreated: string; sid: string }): string => `${String(8.64e15 - Date.parse(x.dateCreated)).padStart(16, '0')}|${x.sid}`;

const DAY_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * `StartDate` / `EndDate` of the conversation list: ISO 8601, a day (`2024-05-01`, which covers
 * that whole day: from its first second for StartDate, to its last for EndDate) or a date-time
 * (`2024-05-01T00:00:00Z`). Returns epoch milliseconds.
 */
function dateBound(p: Params, name: 'StartDate' | 'EndDate'): number | undefined {
  const raw = p.str(name)?.trim();
  if (raw === undefined || raw === '') return undefined;
  const day = DAY_ONLY.test(raw);
  const t = day ? Date.parse(`${raw}T00:00:00Z`) : DATE_TIME.test(raw) ? Date.parse(raw) : NaN;
  if (Number.isNaN(t)) throw badRequest(`${name} must be an ISO 8601 date such as 2024-05-01 or 2024-05-01T00:00:00Z, got ${JSON.stringify(raw.slice(0, 40))}`);
  return day && name === 'EndDate' ? t + 24 * 60 * 60 * 1000 - 1 : t;
}

/** Timers.Inactive / Timers.Closed as given (undefined when absent). */
const timersParam = (p: Params) => ({ inactive: p.str('Timers.Inactive'), closed: p.str('Timers.Closed') });

/** `/Conversations` and `/Conversations/{sid}/Participants`, under both prefixes. */
export function conversationRoutes(router: RestRouter): void {
  // A service-wide queue is read page after page: filter and sort once per change, not per page.
  const listed = new Map<string, { revision: number; list: ConversationRecord[] }>();
  for (const prefix of PREFIXES) {
    const conv = `${prefix}/Conversations/:conversation`;

    router.on('GET', `${prefix}/Conversations`, (ctx) => {
      const state = ctx.params.oneOf('State', STATES);
      const start = dateBound(ctx.params, 'StartDate');
      const end = dateBound(ctx.params, 'EndDate');
      if (start !== undefined && end !== undefined && end < start) throw badRequest('EndDate must not be before StartDate', CODES.endDateBeforeStartDate);
      const keyOf = start !== undefined || end !== undefined ? byCreationDesc : byCreation;
      const filters = `${state ?? ''}|${start ?? ''}|${end ?? ''}`;
      let cached = listed.get(filters);
      if (!cached || cached.revision !== ctx.svc.revision) {
        const list = [...ctx.svc.conversations.values()]
          .filter((c) => {
            if (state && c.state !== state) return false;
            if (start === undefined && end === undefined) return true;
            const t = Date.parse(c.dateCreated);
            return (start === undefined || t >= start) && (end === undefined || t <= end);
          })
          .map((c) => ({ c, key: keyOf(c) }))
          .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
          .map((x) => x.c);
        cached = { revision: ctx.svc.revision, list };
        if (listed.size >= LISTS_CACHED) listed.delete(listed.keys().next().value as string);
        listed.set(filters, cached);
      }
      const all = cached.list;
      const { page, meta } = paginate(all, keyOf, {
        params: ctx.params,
        listUrl: `${ctx.base}/Conversations`,
        key: 'conversations',
        keep: { State: ctx.params.str('State'), StartDate: ctx.params.str('StartDate'), EndDate: ctx.params.str('EndDate') },
      });
      return { status: 200, body: { conversations: page.map((c) => conversationResource(ctx.svc, ctx.base, ctx.svc.conversations.get(c.sid) ?? c)), meta } };
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
            timers: timersParam(p),
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
            timers: timersParam(p),
            dateUpdated: p.date('DateUpdated'),
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
