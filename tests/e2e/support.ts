/** Shared steps for the end-to-end files: on-screen text, REST checks and extra SDK clients. */
import { Client, type Conversation } from '@twilio/conversations';
import { afterEach, beforeEach } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { ConversationInstance } from 'twilio/lib/rest/conversations/v1/service/conversation';
import { launchDesk, type Desk } from '../helpers/desk-app';
import { waitForEvent, waitForMatch } from '../helpers/emulator';
import { restClient } from '../helpers/twilio-rest';

export const AGENT = 'agent@desk.local';
export const AGENT_TWO = 'lee@desk.local';
export const PNG_1PX = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** Text that is on screen (virtualized lists keep measuring copies hidden). */
export const shown = (page: Page, text: string | RegExp): Locator => page.getByText(text).filter({ visible: true }).first();

/** The desk, signed in to the Local workspace and connected. */
export async function connectedDesk(options?: Parameters<typeof launchDesk>[0]): Promise<Desk> {
  const desk = await launchDesk(options);
  // Fail with the locator that did not appear rather than the test's overall timeout.
  desk.page.setDefaultTimeout(10_000);
  const started = Date.now();
  try {
    // CI once saw no connection within 30 s (the cause not found; a failure now says what the desk showed).
    await shown(desk.page, /Connected as agent@desk\.local/).waitFor({ timeout: 45_000 });
  } catch (e) {
    throw await notConnected(desk, e);
  }
  // A connect this slow passes, but says what the desk did meanwhile (CI once saw none within 30 s).
  const took = Date.now() - started;
  if (took > SLOW_CONNECT_MS) console.warn(`[e2e] the desk took ${took} ms to connect; recent log:\n${desk.recentLog().join('\n')}`);
  return desk;
}

const SLOW_CONNECT_MS = 15_000;

/**
 * A desk that did not connect: what it showed and logged, with a screenshot, then closed (a
 * launch hook's failure gets no afterEach to close it).
 */
async function notConnected(desk: Desk, cause: unknown): Promise<Error> {
  const status = await desk.page.getByRole('status').allInnerTexts().catch(() => [] as string[]);
  const file = await desk.screenshot('failed-connect').catch(() => 'none');
  await desk.close().catch(() => undefined);
  const lines = [`the desk did not connect: ${(cause as Error).message.split('\n')[0]}`, `status on screen: ${JSON.stringify(status)}`, `screenshot: ${file}`, 'recent log:', ...desk.recentLog()];
  return new Error(lines.join('\n'));
}

/**
 * One connected desk per test, closed afterwards (with a screenshot when the test failed), plus
 * the extra SDK clients a test starts, shut down with it.
 */
export function deskPerTest(options?: Parameters<typeof launchDesk>[0]): { readonly desk: Desk; clients: Client[] } {
  let current: Desk | undefined;
  const clients: Client[] = [];
  // Launching Chromium and the Local workspace can take a while on a busy machine (over 30 s at a load of 20–30
  // on 2 cores, seen in a CI-style run while benches ran beside it), and connecting up to 45 s.
  beforeEach(async () => {
    current = await connectedDesk(options);
  }, 75_000);
  afterEach(async (ctx) => {
    const desk = current;
    current = undefined;
    await Promise.allSettled(clients.splice(0).map((c) => c.shutdown()));
    if (!desk) return;
    if (ctx.task.result?.state === 'fail') await desk.screenshot(`failed-${ctx.task.name.replace(/\W+/g, '-')}`).catch(() => undefined);
    await desk.close();
  });
  return {
    get desk(): Desk {
      if (!current) throw new Error('no desk: deskPerTest() serves tests only');
      return current;
    },
    clients,
  };
}

export function emulatorOf(desk: Desk) {
  const emulator = desk.app.emulator();
  if (!emulator) throw new Error('emulator not running');
  return emulator;
}

/** twilio's REST client against the Local workspace's service. */
export function rest(desk: Desk) {
  const info = emulatorOf(desk).info;
  return restClient(info).client.conversations.v1.services(info.serviceSid);
}

export async function conversationNamed(desk: Desk, name: string): Promise<ConversationInstance> {
  const all = await rest(desk).conversations.list({ pageSize: 100 });
  const found = all.find((c) => c.friendlyName === name);
  if (!found) throw new Error(`no conversation named ${name}`);
  return found;
}

/** Another SDK client (a second agent, or a web-chat visitor) on the same emulator. */
export async function sdkClient(desk: Desk, identity: string): Promise<Client> {
  const emulator = emulatorOf(desk);
  const client = new Client(emulator.mintToken(identity), { ...emulator.info.clientOptions, logLevel: 'error' } as never);
  await waitForEvent(client, 'initialized', 10_000, ['initFailed']);
  return client;
}

/** That client's copy of a conversation it takes part in, by name. */
export async function joinedConversation(client: Client, name: string): Promise<Conversation> {
  const page = await client.getSubscribedConversations();
  const known = page.items.find((c) => c.friendlyName === name && c.status === 'joined');
  if (known) return known;
  return waitForMatch<Conversation>(client as never, 'conversationJoined', (c) => c.friendlyName === name, 10_000);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The inbox row of a conversation (its accessible name starts with the conversation's name). */
export const inboxRow = (page: Page, name: string): Locator => page.getByRole('button', { name: new RegExp(`^${escape(name)},`) });

/** Opens a conversation by searching the (virtualized) inbox for its name, then clears the search. */
/** The Local workspace's customer simulator, from the inbox header's Team tools menu. */
export async function openSimulator(page: Page, words = { tools: 'Team tools', simulate: 'Simulate customer' }): Promise<void> {
  await page.getByRole('button', { name: words.tools, exact: true }).click();
  await page.getByRole('menuitem', { name: words.simulate }).click();
  // The panel is a chunk of its own (renderer/src/components/lazy-screens.tsx): a key pressed
  // before it shows would go elsewhere.
  await page.getByRole('dialog').first().waitFor();
}

export async function open(page: Page, name: string): Promise<void> {
  const search = page.getByRole('searchbox', { name: 'Search conversations' });
  await search.fill(name);
  await inboxRow(page, name).click();
  await page.getByRole('heading', { name, level: 2 }).waitFor();
  await search.fill('');
}

/** Fills the participants panel's add form and submits it. */
export async function addParticipant(page: Page, who: { type: 'chat'; identity: string } | { type: 'sms' | 'whatsapp'; number: string }): Promise<void> {
  const form = page.getByRole('form', { name: 'Add participant' });
  await form.getByRole('combobox', { name: 'Type' }).selectOption(who.type);
  const add = form.getByRole('button', { name: 'Add', exact: true });
  if (who.type === 'chat') {
    await form.getByRole('combobox', { name: 'Identity' }).fill(who.identity);
    // From the keyboard: the identity's suggestions (a native datalist popup, outside the page's
    // DOM) can open over the button, and a click there would pick a suggestion instead.
    await add.press('Enter');
    return;
  }
  await form.getByLabel('Phone number').fill(who.number);
  await add.click();
}

export const composer = (page: Page): Locator => page.getByRole('textbox', { name: 'Message' });
