import { resolveTemplate } from '../content/template-messages';
import { TwilioError } from '../util/errors';
import { PREFIXES, type RestRouter } from './context';
import { paginate } from './paging';
import { messageResource, receiptResource } from './resources';

/** Index keys padded so string order is numeric order; descending lists invert them. */
const ascKey = (index: number): string => String(index).padStart(16, '0');
const descKey = (index: number): string => String(Number.MAX_SAFE_INTEGER - index).padStart(16, '0');

/** `/Conversations/{sid}/Messages` and their delivery `/Receipts`, under both prefixes. */
export function messageRoutes(router: RestRouter): void {
  for (const prefix of PREFIXES) {
    const messages = `${prefix}/Conversations/:conversation/Messages`;

    router.on('GET', messages, (ctx, { conversation }) => {
      const c = ctx.svc.getConversation(conversation as string);
      const order = ctx.params.oneOf('Order', ['asc', 'desc'] as const) ?? 'asc';
      const all = ctx.svc.messagesOf(c.sid);
      if (order === 'desc') all.reverse();
      const keyOf = order === 'desc' ? descKey : ascKey;
      const { page, meta } = paginate(all, (m) => keyOf(m.index), {
        params: ctx.params,
        listUrl: `${ctx.base}/Conversations/${c.sid}/Messages`,
        key: 'messages',
        keep: { Order: ctx.params.str('Order') },
      });
      return { status: 200, body: { messages: page.map((m) => messageResource(ctx.svc, ctx.base, m)), meta } };
    });

    router.on('POST', messages, (ctx, { conversation }) => {
      const c = ctx.svc.getConversation(conversation as string);
      const p = ctx.params;
      const template = resolveTemplate(ctx.content, p.str('ContentSid'), p.str('ContentVariables'));
      const input = {
        // Twilio names REST messages without an Author "system".
        author: p.str('Author') || 'system',
        body: template ? template.body : (p.str('Body') ?? null),
        subject: p.str('Subject') ?? null,
        attributes: p.attributes('Message'),
        mediaSids: p.list('MediaSid').filter(Boolean),
        contentSid: template?.content.sid ?? null,
        content: template?.content ?? null,
        dateCreated: p.date('DateCreated'),
      };
      const m = ctx.mutate((actor) => ctx.svc.sendMessage(c.sid, input, actor));
      return { status: 201, body: messageResource(ctx.svc, ctx.base, m) };
    });

    router.on('GET', `${messages}/:message`, (ctx, { conversation, message }) => {
      const c = ctx.svc.getConversation(conversation as string);
      return { status: 200, body: messageResource(ctx.svc, ctx.base, ctx.svc.getMessage(c.sid, message as string)) };
    });

    router.on('POST', `${messages}/:message`, (ctx, { conversation, message }) => {
      const c = ctx.svc.getConversation(conversation as string);
      const sid = ctx.svc.getMessage(c.sid, message as string).sid;
      const p = ctx.params;
      const patch = { body: p.has('Body') ? (p.str('Body') ?? null) : undefined, attributes: p.attributes('Message') };
      const m = ctx.mutate((actor) => ctx.svc.updateMessage(c.sid, sid, patch, actor));
      return { status: 200, body: messageResource(ctx.svc, ctx.base, m) };
    });

    router.on('DELETE', `${messages}/:message`, (ctx, { conversation, message }) => {
      const c = ctx.svc.getConversation(conversation as string);
      const sid = ctx.svc.getMessage(c.sid, message as string).sid;
      ctx.mutate((actor) => ctx.svc.removeMessage(c.sid, sid, actor));
      return { status: 204 };
    });

    router.on('GET', `${messages}/:message/Receipts`, (ctx, { conversation, message }) => {
      const c = ctx.svc.getConversation(conversation as string);
      const m = ctx.svc.getMessage(c.sid, message as string);
      const all = [...ctx.svc.receiptsFor(m.sid)].sort((a, b) => (a.sid < b.sid ? -1 : 1));
      const { page, meta } = paginate(all, (r) => r.sid, {
        params: ctx.params,
        listUrl: `${ctx.base}/Conversations/${c.sid}/Messages/${m.sid}/Receipts`,
        key: 'delivery_receipts',
      });
      return { status: 200, body: { delivery_receipts: page.map((r) => receiptResource(ctx.svc, ctx.base, r)), meta } };
    });

    router.on('GET', `${messages}/:message/Receipts/:receipt`, (ctx, { conversation, message, receipt }) => {
      const c = ctx.svc.getConversation(conversation as string);
      const m = ctx.svc.getMessage(c.sid, message as string);
      const r = ctx.svc.receiptsFor(m.sid).find((x) => x.sid === receipt);
      if (!r) throw new TwilioError(404, 20404, `Receipt ${receipt as string} not found`);
      return { status: 200, body: receiptResource(ctx.svc, ctx.base, r) };
    });
  }
}
