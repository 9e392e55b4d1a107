import type { ContentRecord } from '../content/records';
import type { ContentStore } from '../content/store';
import { resolveTemplate } from '../content/template-messages';
import type { ConversationsService } from '../conversations/service';
import type { NotificationLevel } from '../conversations/records';
import { Router } from '../http/router';
import { CODES } from '../conversations/limits';
import { checkIdentity } from '../conversations/validate';
import { TwilioError, badRequest } from '../util/errors';
import { newSid } from '../util/ids';
import type { UpstreamContext } from './context';
import { conversationJson, messageJson, participantJson, type ClientUrls } from './client-responses';

/**
 * Body fields as the SDK sends them. A field of the wrong type is refused with a 400 rather than
 * dropped or passed on, so it can neither be silently ignored nor reach the domain as garbage.
 */
function str(body: Record<string, unknown>, key: string): string | undefined {
  const v = body[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw badRequest(`${key} must be a string`, CODES.invalidParameter);
  return v;
}
function nullableStr(body: Record<string, unknown>, key: string): string | null | undefined {
  return body[key] === null ? null : str(body, key);
}
function object(body: Record<string, unknown>, key: string): Record<string, unknown> | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw badRequest(`${key} must be an object`, CODES.invalidParameter);
  return v as Record<string, unknown>;
}
function strings(body: Record<string, unknown>, key: string): string[] {
  const v = body[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw badRequest(`${key} must be a list of strings`, CODES.invalidParameter);
  return v as string[];
}
const PAGE = 100;
/** The SDK asks for 100 templates a page. */
const TEMPLATE_PAGE = 100;
/** Routers built without the Content API (tests) know no templates. */
const NO_CONTENT: Pick<ContentStore, 'find'> = { find: () => undefined };

/** The Conversations commands the SDK tunnels over twilsock (`/Client/v2/…`). */
export function clientRoutes(svc: ConversationsService, urls: ClientUrls, content?: ContentStore): Router<UpstreamContext> {
  const r = new Router<UpstreamContext>();
  const sdk = (ctx: UpstreamContext) => ({ identity: ctx.identity, source: 'SDK' as const });
  const S = '/Client/v2/Services/:service';

  r.on('GET', '/Client/v2/Configuration', (ctx) => {
    const user = svc.ensureUser(ctx.identity);
    return {
      status: 200,
      body: {
        identity: ctx.identity,
        url: `${urls.aim}/Client/v2/Configuration`,
        sync_objects: { my_conversations: user.conversationsMapSid, my_user_info: user.infoMapSid },
        links: {
          conversations: `${urls.service}/Conversations`,
          my_conversations: `${urls.service}/Users/${user.sid}/Conversations`,
          users: `${urls.service}/Users`,
          current_user: `${urls.service}/Users/${user.sid}`,
          typing: `${urls.aim}/v1/Services/${svc.ids.serviceSid}/Typing`,
          media_service: `${urls.media}/Media`,
          media_set_service: `${urls.media}/MediaSet`,
          messages_receipts: `${urls.service}/Conversations/%s/Messages/%s/Receipts`,
        },
        options: {
          consumption_report_interval: 'PT1S',
          http_cache_interval: 'PT1S',
          user_infos_to_subscribe: 100,
          reachability_enabled: true,
          my_conversations_page_size: PAGE,
          media_attachments_count_limit: 10,
          media_attachment_size_limit_in_mb: 150,
          media_attachments_total_size_limit_in_mb: 150,
          email_histories_allowed_mime_types: ['text/plain', 'text/html'],
          email_bodies_allowed_mime_types: ['text/plain', 'text/html'],
        },
      },
    };
  });

  // The SDK's client.getContentTemplates(): every template of the account, `variables` as a JSON
  // string and `types` as `variants` (its ContentTemplateResponse). The SDK loops until
  // next_token is explicitly null.
  r.on('GET', '/Client/v2/ContentTemplates', (ctx) => {
    const size = Math.min(Math.max(Number(ctx.query.PageSize) || TEMPLATE_PAGE, 1), TEMPLATE_PAGE);
    const after = Number(ctx.query.PageToken);
    const all = content ? content.list() : [];
    const rest = Number.isFinite(after) && ctx.query.PageToken ? all.filter((t) => t.seq < after) : all;
    const page = rest.slice(0, size);
    const last = page[page.length - 1];
    return {
      status: 200,
      body: {
        templates: page.map((t) => contentTemplateJson(svc, t)),
        meta: { next_token: rest.length > size && last ? String(last.seq) : null },
      },
    };
  });

  // The SDK reads every page in a row at startup: sort once per change, not once per page.
  const sorted = new Map<string, { revision: number; list: ReturnType<ConversationsService['conversationsOf']> }>();
  r.on('GET', `${S}/Users/:user/Conversations`, (ctx) => {
    const start = Number(ctx.query.PageToken ?? 0) || 0;
    let cached = sorted.get(ctx.identity);
    if (!cached || cached.revision !== svc.revision || start === 0) {
      const list = svc.conversationsOf(ctx.identity).sort((a, b) => (b.conversation.dateUpdated < a.conversation.dateUpdated ? -1 : 1));
      cached = { revision: svc.revision, list };
      sorted.set(ctx.identity, cached);
    }
    const mine = cached.list;
    const page = mine.slice(start, start + PAGE);
    return {
      status: 200,
      body: {
        conversations: page.map(({ conversation }) => conversationJson(svc, urls, conversation, ctx.identity)),
        meta: { next_token: start + PAGE < mine.length ? String(start + PAGE) : null, previous_token: null },
      },
    };
  });

  // A User Conversation exists only where the user participates ("the Conversations in which a
  // particular User is an active Participant"), so peeking at anyone else's is a 404, as on Twilio.
  r.on('GET', `${S}/Users/:user/Conversations/:conversation`, (ctx, p) => {
    const c = svc.findConversation(p.conversation as string);
    if (!c || !svc.participantOfIdentity(c.sid, ctx.identity)) {
      throw new TwilioError(404, 20404, `The requested resource /Users/${ctx.identity}/Conversations/${p.conversation as string} was not found`);
    }
    return { status: 200, body: conversationJson(svc, urls, c, ctx.identity) };
  });

  r.on('POST', `${S}/Users/:user/Conversations/:conversation`, (ctx, p) => {
    const c = svc.getConversation(p.conversation as string);
    // Both fields are checked before either is applied.
    const level = ctx.body.notification_level;
    const setLevel = 'notification_level' in ctx.body;
    if (setLevel && level !== 'default' && level !== 'muted') throw badRequest('notification_level must be "default" or "muted"');
    const index = ctx.body.last_read_message_index;
    const setRead = 'last_read_message_index' in ctx.body;
    if (setRead && index !== null && (typeof index !== 'number' || !Number.isSafeInteger(index) || index < 0)) {
      throw badRequest('last_read_message_index must be a non-negative integer or null');
    }
    if ((setLevel || setRead) && !svc.participantOfIdentity(c.sid, ctx.identity)) {
      throw new TwilioError(403, CODES.notParticipant, `${ctx.identity} is not a participant of this conversation`);
    }
    if (setLevel) svc.setNotificationLevel(c.sid, ctx.identity, level as NotificationLevel);
    let unread: number | null = null;
    if (setRead) unread = svc.setReadHorizon(c.sid, ctx.identity, index as number | null);
    return { status: 200, body: { ...conversationJson(svc, urls, c, ctx.identity), unread_messages_count: unread ?? conversationJson(svc, urls, c, ctx.identity).unread_messages_count } };
  });

  r.on('POST', `${S}/Conversations`, (ctx) => {
    const b = ctx.body;
    const c = svc.createConversation(
      { friendlyName: nullableStr(b, 'friendly_name'), uniqueName: nullableStr(b, 'unique_name'), attributes: str(b, 'attributes') },
      sdk(ctx),
    );
    return { status: 201, body: conversationJson(svc, urls, c, ctx.identity) };
  });

  r.on('GET', `${S}/Conversations/:conversation`, (ctx, p) => ({
    status: 200,
    body: conversationJson(svc, urls, svc.getConversation(p.conversation as string), ctx.identity),
  }));

  r.on('POST', `${S}/Conversations/:conversation`, (ctx, p) => {
    const b = ctx.body;
    const c = svc.updateConversation(
      p.conversation as string,
      {
        friendlyName: 'friendly_name' in b ? (nullableStr(b, 'friendly_name') ?? null) : undefined,
        uniqueName: 'unique_name' in b ? (nullableStr(b, 'unique_name') ?? null) : undefined,
        attributes: str(b, 'attributes'),
      },
      sdk(ctx),
    );
    return { status: 200, body: conversationJson(svc, urls, c, ctx.identity) };
  });

  r.on('DELETE', `${S}/Conversations/:conversation`, (ctx, p) => {
    svc.deleteConversation(p.conversation as string, sdk(ctx));
    return { status: 204 };
  });

  r.on('POST', `${S}/Conversations/:conversation/Participants`, (ctx, p) => {
    const b = ctx.body;
    const binding = object(b, 'messaging_binding');
    const attributes = str(b, 'attributes');
    const part = binding
      ? svc.addParticipant(p.conversation as string, { address: str(binding, 'address') ?? '', proxyAddress: nullableStr(binding, 'proxy_address') ?? null, attributes }, sdk(ctx))
      : svc.addParticipant(p.conversation as string, { identity: str(b, 'identity') ?? '', attributes }, sdk(ctx));
    return { status: 201, body: participantJson(svc, urls, part) };
  });

  r.on('POST', `${S}/Conversations/:conversation/Participants/:participant`, (ctx, p) => {
    const part = svc.updateParticipant(p.conversation as string, p.participant as string, { attributes: str(ctx.body, 'attributes') }, sdk(ctx));
    return { status: 200, body: participantJson(svc, urls, part) };
  });

  r.on('DELETE', `${S}/Conversations/:conversation/Participants/:participant`, (ctx, p) => {
    svc.removeParticipant(p.conversation as string, p.participant as string, sdk(ctx));
    return { status: 204 };
  });

  r.on('POST', `${S}/Conversations/:conversation/Messages`, (ctx, p) => {
    const b = ctx.body;
    // setContentTemplate(sid, variables) sends content_sid and content_variables (a JSON string).
    const template = resolveTemplate(content ?? NO_CONTENT, nullableStr(b, 'content_sid'), nullableStr(b, 'content_variables'));
    const m = svc.sendMessage(
      p.conversation as string,
      {
        body: template ? template.body : nullableStr(b, 'body'),
        attributes: str(b, 'attributes'),
        subject: nullableStr(b, 'subject'),
        mediaSids: strings(b, 'media_sids'),
        contentSid: template?.content.sid ?? null,
        content: template?.content ?? null,
      },
      sdk(ctx),
    );
    return { status: 201, body: messageJson(svc, urls, m) };
  });

  r.on('POST', `${S}/Conversations/:conversation/Messages/:message`, (ctx, p) => {
    const b = ctx.body;
    const m = svc.updateMessage(
      p.conversation as string,
      p.message as string,
      { body: 'body' in b ? (nullableStr(b, 'body') ?? null) : undefined, attributes: str(b, 'attributes') },
      sdk(ctx),
    );
    return { status: 200, body: messageJson(svc, urls, m) };
  });

  r.on('DELETE', `${S}/Conversations/:conversation/Messages/:message`, (ctx, p) => {
    svc.removeMessage(p.conversation as string, p.message as string, sdk(ctx));
    return { status: 204 };
  });

  r.on('GET', `${S}/Conversations/:conversation/Messages/:message/Receipts`, (_ctx, p) => {
    const m = svc.getMessage(p.conversation as string, p.message as string);
    return {
      status: 200,
      body: {
        delivery_receipts: svc.receiptsFor(m.sid).map((x) => ({
          sid: x.sid,
          message_sid: x.messageSid,
          conversation_sid: x.conversationSid,
          channel_message_sid: x.channelMessageSid,
          participant_sid: x.participantSid,
          status: x.status,
          error_code: x.errorCode,
          date_created: x.dateCreated,
          date_updated: x.dateUpdated,
        })),
        meta: { previous_token: null, next_token: null },
      },
    };
  });

  r.on('GET', `${S}/Conversations/:conversation/Messages/:message/ChannelMetadata`, () => {
    throw new TwilioError(404, 50530, 'Channel metadata not found');
  });

  r.on('GET', `${S}/Conversations/:conversation/MessageRecipients`, () => ({
    status: 200,
    body: { message_recipients: [], meta: { previous_token: null, next_token: null } },
  }));

  r.on('GET', `${S}/Users/:identity`, (_ctx, p) => {
    if (!svc.findUser(p.identity as string)) checkIdentity(p.identity as string);
    const user = svc.ensureUser(p.identity as string);
    return { status: 200, body: userJson(svc, urls, user.identity) };
  });

  r.on('POST', `${S}/Users/:identity`, (ctx, p) => {
    if (p.identity !== ctx.identity) throw new TwilioError(403, 50107, 'Users can only update themselves');
    const b = ctx.body;
    svc.updateUser(ctx.identity, { friendlyName: 'friendly_name' in b ? (nullableStr(b, 'friendly_name') ?? null) : undefined, attributes: str(b, 'attributes') });
    return { status: 200, body: userJson(svc, urls, ctx.identity) };
  });

  r.on('POST', '/v1/Services/:service/Typing', (ctx) => {
    const conversation = str(ctx.body, 'ChannelSid') ?? str(ctx.body, 'channel_sid');
    if (!conversation) throw badRequest('ChannelSid is required');
    svc.typing(conversation, ctx.identity);
    return { status: 200, body: { typing_timeout: 5 } };
  });

  // Push registration (FCM/APN) has nowhere to go offline; accept it so apps can call it.
  r.on('POST', '/v1/registrations', () => ({ status: 200, body: { id: newSid('BS') } }));
  r.on('DELETE', '/v1/registrations', () => ({ status: 204 }));
  r.on('DELETE', '/v1/registrations/:id', () => ({ status: 204 }));
  return r;
}

function userJson(svc: ConversationsService, urls: ClientUrls, identity: string): Record<string, unknown> {
  const u = svc.ensureUser(identity);
  return {
    sid: u.sid,
    account_sid: svc.ids.accountSid,
    chat_service_sid: svc.ids.serviceSid,
    identity: u.identity,
    friendly_name: u.friendlyName,
    attributes: u.attributes,
    role_sid: u.roleSid,
    is_online: u.online,
    is_notifiable: false,
    date_created: u.dateCreated,
    date_updated: u.dateUpdated,
    url: `${urls.service}/Users/${u.identity}`,
    sync_objects: { user_info_map: u.infoMapSid, my_conversations: u.conversationsMapSid },
  };
}

function contentTemplateJson(svc: ConversationsService, t: ContentRecord): Record<string, unknown> {
  return {
    sid: t.sid,
    account_sid: svc.ids.accountSid,
    friendly_name: t.friendlyName,
    variables: JSON.stringify(t.variables),
    variants: t.types,
    date_created: t.dateCreated,
    date_updated: t.dateUpdated,
  };
}
