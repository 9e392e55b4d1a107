/**
 * WhatsApp templates (Twilio's Content API) through the SDK: the account's templates as
 * `client.getContentTemplates()` lists them, sent with
 * `prepareMessage().setContentTemplate(sid, variables).build().send()`. The SDK's objects stay
 * here (the store and the picker get plain TemplateSnapshots); its variables are the template's
 * own ContentTemplateVariable objects given their values with `copyWithValue`.
 */
import type { Client, ContentTemplate, Message } from '@twilio/conversations';
import { i18n } from '../../i18n';
import type { SessionScope } from '../../session/scope';
import { fail, OK, errorText, type ActionResult } from './result';
import { contentView, templateSnapshot, type ContentView, type TemplateSnapshot } from '../template-snapshot';
import { WINDOW_MS } from '../../../../shared/domain/whatsapp-window';
import type { TemplateApproval } from '../../../../shared/ipc/content-schema';
import { getDesk } from '../../platform/desk';

/** The SDK's templates of each client, by SID: sending needs their variable objects. */
const sdkTemplates = new WeakMap<Client, Map<string, ContentTemplate>>();

export type TemplateList = { ok: true; templates: TemplateSnapshot[] } | { ok: false; message: string };

export async function listTemplates(s: SessionScope): Promise<TemplateList> {
  const client = s.registry.client;
  if (!client) return { ok: false, message: i18n.t('outbox.notReady') };
  try {
    const all = await client.getContentTemplates();
    sdkTemplates.set(client, new Map(all.map((t) => [t.sid, t])));
    return { ok: true, templates: all.map(templateSnapshot) };
  } catch (e) {
    return { ok: false, message: i18n.t('templates.loadFailed', { reason: errorText(e) }) };
  }
}

/**
 * WhatsApp's approval of each template (main reads it over REST; the SDK's list has none), by
 * SID; null when it can't be known (no REST access, an older main), and the picker says nothing.
 */
export async function templateApprovals(): Promise<Map<string, TemplateApproval> | null> {
  try {
    const r = await getDesk().templateApprovals();
    return r.ok ? new Map(r.value.items.map((a) => [a.sid, a])) : null;
  } catch {
    return null;
  }
}

/**
 * Sends the template with its variables filled in. Every variable needs a value: the picker
 * says which is empty before it gets here, and this refuses too, so nothing half-filled goes.
 */
export async function sendTemplate(s: SessionScope, sid: string, templateSid: string, values: Readonly<Record<string, string>>): Promise<ActionResult> {
  const client = s.registry.client;
  const conversation = s.registry.conversations.get(sid);
  const template = client ? sdkTemplates.get(client)?.get(templateSid) : undefined;
  if (!conversation || !template) return fail(i18n.t('templates.gone'));
  const empty = template.variables.filter((v) => (values[v.name] ?? '').trim() === '');
  if (empty.length > 0) return fail(i18n.t('templates.emptyVariables', { list: empty.map((v) => `{{${v.name}}}`).join(', ') }), `var-${empty[0]?.name}`);
  try {
    await conversation
      .prepareMessage()
      .setContentTemplate(
        template.sid,
        template.variables.map((v) => v.copyWithValue((values[v.name] ?? '').trim())),
      )
      .build()
      .send();
    return OK;
  } catch (e) {
    return fail(i18n.t('templates.sendFailed', { reason: errorText(e) }));
  }
}

/**
 * A template message's content, for the thread to show it as the customer saw it: the SDK's
 * getContentData() where the service attached the rich body, else the template itself from the
 * account's list (its buttons; the text is the message body Twilio rendered). Null if unknown.
 */
export async function messageContent(s: SessionScope, sid: string, index: number): Promise<ContentView | null> {
  const message: Message | undefined = s.registry.messages.get(sid)?.get(index);
  const contentSid = message?.contentSid ?? null;
  if (!message || !contentSid) return null;
  try {
    const data = await message.getContentData();
    if (data) return contentView(data);
  } catch {
    // Fall back to the template list below.
  }
  const client = s.registry.client;
  if (!client) return null;
  let known = sdkTemplates.get(client)?.get(contentSid);
  if (!known) {
    await listTemplates(s);
    known = sdkTemplates.get(client)?.get(contentSid);
  }
  return known ? templateSnapshot(known) : null;
}

/**
 * When any of `authors` (the customer's participant SIDs) last wrote, paging back through the
 * SDK from the thread's oldest loaded page (without showing those pages). Stops at a message
 * older than the window: anything before that cannot open it. Null when none was found.
 */
export async function lastInboundBefore(s: SessionScope, sid: string, authors: readonly string[], now: number): Promise<number | null> {
  let page = s.registry.pages.get(sid);
  const since = now - WINDOW_MS;
  while (page?.hasPrevPage) {
    try {
      page = await page.prevPage();
    } catch {
      return null;
    }
    if (!s.isLive()) return null;
    const items = [...page.items].reverse();
    const found = items.find((m) => m.participantSid !== null && authors.includes(m.participantSid));
    if (found?.dateCreated) return found.dateCreated.getTime();
    const oldest = page.items[0]?.dateCreated?.getTime();
    if (oldest === undefined || oldest < since) return null;
  }
  return null;
}
