import type { ContentStore } from '../content/store';
import type { EmulatorSettings } from '../control/settings';
import type { Delivery } from '../conversations/delivery';
import type { MediaRecord } from '../conversations/records';
import type { Actor, ConversationsService } from '../conversations/service';
import { DEMO_CONVERSATIONS, type ScriptedConversation, type Speaker } from './demo-script';
import { placeholderPng } from './png';
import { seedTemplates } from './templates';

/** The demo workspace's agent: the identity the desktop app signs in as in the Local workspace. */
export const DEMO_AGENT_IDENTITY = 'agent@desk.local';
export const DEMO_AGENT_NAME = 'Sam Rivera';
export const DEMO_SECOND_AGENT_IDENTITY = 'lee@desk.local';
export const DEMO_SECOND_AGENT_NAME = 'Lee Park';
/** Twilio's magic "valid From" test number, used as the business SMS number. */
export const DEMO_SMS_NUMBER = '+15005550006';
/** Twilio's WhatsApp sandbox sender. */
export const DEMO_WHATSAPP_NUMBER = 'whatsapp:+14155238886';

export interface SeedDeps {
  service: ConversationsService;
  settings: EmulatorSettings;
  delivery: Pick<Delivery, 'asHistory'>;
  storeMedia(input: { bytes: Buffer; contentType: string; filename: string | null; author: string | null }): MediaRecord;
  /** Content templates for the desk's template picker (absent: none seeded). */
  content?: ContentStore;
}

export interface SeedSummary {
  conversations: number;
  messages: number;
}

const MINUTE = 60_000;
const API: Actor = { identity: null, source: 'API' };

/**
 * Fills an empty emulator with a believable support inbox. Content (names, words, order, relative
 * times) is the same on every run; SIDs are random. Times count back from `now`.
 */
export function seedDemo(deps: SeedDeps, now = Date.now()): SeedSummary {
  const { service } = deps;
  service.updateUser(DEMO_AGENT_IDENTITY, { friendlyName: DEMO_AGENT_NAME, attributes: JSON.stringify({ role: 'agent' }) });
  service.updateUser(DEMO_SECOND_AGENT_IDENTITY, { friendlyName: DEMO_SECOND_AGENT_NAME, attributes: JSON.stringify({ role: 'agent', team: 'billing' }) });
  deps.settings.setAutoJoinIdentities([DEMO_AGENT_IDENTITY]);
  // Whole minutes read better in the UI than the seeding instant's milliseconds.
  const base = Math.floor(now / MINUTE) * MINUTE;
  let messages = 0;
  deps.delivery.asHistory(() => {
    for (const script of DEMO_CONVERSATIONS) messages += seedConversation(deps, script, base);
  });
  if (deps.content) seedTemplates(deps.content);
  return { conversations: DEMO_CONVERSATIONS.length, messages };
}

function seedConversation(deps: SeedDeps, script: ScriptedConversation, base: number): number {
  const { service } = deps;
  const opened = base - script.startedAgo * MINUTE;
  const at = (t: number) => new Date(t).toISOString();
  const phone = script.channel !== 'chat';
  const customerAddress = script.channel === 'whatsapp' ? `whatsapp:${script.customer}` : script.customer;
  const c = service.createConversation(
    {
      friendlyName: script.name,
      attributes: JSON.stringify({ channel: script.channel, customerName: script.name, topic: script.topic }),
      dateCreated: at(opened),
    },
    API,
  );
  const customer = phone
    ? service.addParticipant(
        c.sid,
        { address: customerAddress, proxyAddress: script.channel === 'whatsapp' ? DEMO_WHATSAPP_NUMBER : DEMO_SMS_NUMBER, attributes: JSON.stringify({ name: script.name }), dateCreated: at(opened) },
        API,
      )
    : service.addParticipant(c.sid, { identity: script.customer, attributes: JSON.stringify({ name: script.name }), dateCreated: at(opened) }, API);
  if (!phone) service.updateUser(script.customer, { friendlyName: script.name });
  const agents = script.withLee ? [DEMO_AGENT_IDENTITY, DEMO_SECOND_AGENT_IDENTITY] : [DEMO_AGENT_IDENTITY];
  for (const identity of agents) service.addParticipant(c.sid, { identity, dateCreated: at(opened) }, API);

  const authorOf: Record<Speaker, string> = {
    customer: phone ? (customer.address as string) : script.customer,
    sam: DEMO_AGENT_IDENTITY,
    lee: DEMO_SECOND_AGENT_IDENTITY,
  };
  const sourceOf = (speaker: Speaker): Actor => ({
    identity: speaker === 'customer' && phone ? null : authorOf[speaker],
    source: speaker !== 'customer' || !phone ? 'SDK' : script.channel === 'whatsapp' ? 'WHATSAPP' : 'SMS',
  });
  let t = opened;
  let last = -1;
  for (const [speaker, gapMinutes, text, image] of script.turns) {
    t += gapMinutes * MINUTE;
    const mediaSids = image
      ? [deps.storeMedia({ bytes: placeholderPng(96, 72, image.background, image.accent), contentType: 'image/png', filename: image.filename, author: authorOf[speaker] }).sid]
      : [];
    last = service.sendMessage(c.sid, { author: authorOf[speaker], body: text || null, mediaSids, dateCreated: at(t) }, sourceOf(speaker)).index;
  }
  // Sending moved each author's horizon to their own last message; the agents have read up to
  // the scripted point, leaving the newest `unread` customer messages unread.
  service.setReadHorizon(c.sid, DEMO_AGENT_IDENTITY, last - script.unread);
  if (script.withLee) service.setReadHorizon(c.sid, DEMO_SECOND_AGENT_IDENTITY, last);
  return script.turns.length;
}
