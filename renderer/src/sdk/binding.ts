/**
 * The one place SDK events become store actions. Returns a teardown that removes every listener
 * and makes late async results (page loads, token refresh) land nowhere, so a profile switch
 * can never write the old account's data into the new account's store.
 */
import type { Client, Conversation, Message, Participant, User } from '@twilio/conversations';
import type { DeskStore } from '../store';
import { getDesk } from '../platform/desk';
import { defaultMessage, toConnectionStatus, type SdkConnectionState } from './connection-state';
import { registry as defaultRegistry, type SdkRegistry } from './registry';
import { conversationFields, messageSnapshot, participantSnapshot, previewOf } from './snapshots';

export interface BindingDeps {
  /** Fresh token for the active profile (desk.refreshToken in the app). */
  refreshToken: () => Promise<string>;
  /** Whether the agent can see the window; read receipts only advance when true. */
  isViewing: () => boolean;
  registry: SdkRegistry;
}

const defaultDeps = (): BindingDeps => ({
  refreshToken: async () => {
    const r = await getDesk().refreshToken();
    if (!r.ok) throw new Error(r.error.message);
    return r.value.token;
  },
  isViewing: () => typeof document !== 'undefined' && document.visibilityState === 'visible' && document.hasFocus(),
  registry: defaultRegistry,
});

export const participantLabel = (p: Pick<Participant, 'identity' | 'type' | 'sid'>): string =>
  p.identity ?? (p.type === 'whatsapp' ? 'WhatsApp customer' : p.type === 'sms' ? 'SMS customer' : p.sid);

export function bindClient(client: Client, store: DeskStore, overrides: Partial<BindingDeps> = {}): () => void {
  const deps = { ...defaultDeps(), ...overrides };
  const reg = deps.registry;
  const state = () => store.getState();
  let live = true;
  let wasConnected = false;
  const hydrated = new Set<string>();
  const off: Array<() => void> = [];

  const on = <E extends Parameters<Client['on']>[0]>(event: E, handler: Parameters<Client['on']>[1] & ((...a: never[]) => void)) => {
    client.on(event as never, handler as never);
    off.push(() => client.removeListener(event as never, handler as never));
  };
  const guard = <A extends unknown[]>(fn: (...args: A) => void) => (...args: A) => {
    if (live) fn(...args);
  };
  const warn = (what: string) => (e: unknown) => {
    if (live) console.warn(`[binding] ${what}:`, e);
  };

  // --- connection and token -------------------------------------------------------------
  on('connectionStateChanged', guard((s: SdkConnectionState) => {
    const status = toConnectionStatus(s, wasConnected);
    if (s === 'connected') wasConnected = true;
    if (status) state().setConnection(status, defaultMessage(status));
  }));
  on('initFailed', guard(({ error }: { error?: { message: string } }) => {
    state().setConnection('error', error?.message ?? 'The Conversations client could not start.');
  }));
  on('connectionError', guard((e: { terminal: boolean; message: string }) => {
    if (e.terminal) state().setConnection('error', e.message);
  }));

  let refreshing: Promise<void> | null = null;
  const refresh = (expired: boolean) => {
    if (expired) state().setConnection('refreshing-token', 'Renewing the access token…');
    refreshing ??= deps
      .refreshToken()
      .then(async (token) => {
        if (!live) return;
        await client.updateToken(token);
        // updateToken reconnects on its own; only clear the banner we set ourselves.
        if (live && state().connection.status === 'refreshing-token') state().setConnection('connected');
      })
      .catch((e: unknown) => {
        if (live) state().setConnection('error', `Couldn’t renew the access token: ${e instanceof Error ? e.message : String(e)}`);
      })
      .finally(() => {
        refreshing = null;
      });
  };
  on('tokenAboutToExpire', guard(() => refresh(false)));
  on('tokenExpired', guard(() => refresh(true)));

  // --- conversations ---------------------------------------------------------------------
  const loadPreview = (conv: Conversation) => {
    if (conv.lastMessage?.index === undefined) return;
    conv
      .getMessages(1)
      .then((page) => {
        const m = page.items[page.items.length - 1];
        if (!live || !m) return;
        reg.rememberMessage(m);
        state().setLastMessagePreview(conv.sid, previewOf(messageSnapshot(m)));
      })
      .catch(warn(`preview of ${conv.sid}`));
  };
  // Chat users' friendly names ("Lee Park"), fetched once per identity and kept current.
  const namesAsked = new Set<string>();
  const loadUserName = (p: Participant) => {
    if (p.type !== 'chat' || !p.identity || namesAsked.has(p.identity) || typeof client.getUser !== 'function') return;
    namesAsked.add(p.identity);
    client
      .getUser(p.identity)
      .then((user) => {
        if (live) state().setUserName(user.identity, user.friendlyName);
      })
      .catch(warn(`user ${p.identity}`));
  };
  on('userUpdated', guard(({ user }: { user: User }) => state().setUserName(user.identity, user.friendlyName)));

  const loadRoster = (conv: Conversation) => {
    conv
      .getParticipants()
      .then((list) => {
        if (!live || !reg.conversations.has(conv.sid)) return;
        list.forEach((p) => reg.rememberParticipant(p));
        state().setParticipants(conv.sid, list.map(participantSnapshot));
        list.forEach(loadUserName);
      })
      .catch(warn(`roster of ${conv.sid}`));
  };
  const track = (conv: Conversation) => {
    // The inbox lists conversations the agent is in; others appear once "joined" fires.
    if (conv.status !== 'joined') return;
    reg.conversations.set(conv.sid, conv);
    state().upsertConversation(conversationFields(conv));
    if (hydrated.has(conv.sid)) return;
    hydrated.add(conv.sid);
    loadRoster(conv);
    loadPreview(conv);
  };
  const untrack = (conv: Conversation) => {
    hydrated.delete(conv.sid);
    reg.forgetConversation(conv.sid);
    state().removeConversation(conv.sid);
  };

  on('conversationAdded', guard(track));
  on('conversationJoined', guard(track));
  on('conversationLeft', guard(untrack));
  on('conversationRemoved', guard(untrack));
  on('conversationUpdated', guard(({ conversation }: { conversation: Conversation }) => {
    if (!reg.conversations.has(conversation.sid)) return track(conversation);
    state().upsertConversation(conversationFields(conversation));
    const preview = state().conversations.get(conversation.sid)?.lastMessage;
    const last = conversation.lastMessage?.index;
    if (last !== undefined && (!preview || preview.index < last)) loadPreview(conversation);
  }));

  // --- messages --------------------------------------------------------------------------
  on('messageAdded', guard((m: Message) => {
    const sid = m.conversation.sid;
    reg.rememberMessage(m);
    const snap = messageSnapshot(m);
    state().putMessage(sid, snap);
    state().setLastMessagePreview(sid, previewOf(snap));
    if (state().selectedSid === sid && deps.isViewing()) {
      m.conversation.advanceLastReadMessageIndex(m.index).catch(warn('read horizon'));
    }
  }));
  on('messageUpdated', guard(({ message }: { message: Message }) => {
    const sid = message.conversation.sid;
    reg.rememberMessage(message);
    const snap = messageSnapshot(message);
    state().putMessage(sid, snap);
    if (state().conversations.get(sid)?.lastMessage?.index === snap.index) state().setLastMessagePreview(sid, previewOf(snap));
  }));
  on('messageRemoved', guard((m: Message) => {
    const sid = m.conversation.sid;
    reg.forgetMessage(sid, m.index);
    state().removeMessage(sid, m.index);
    if (state().conversations.get(sid)?.lastMessage?.index === m.index) {
      state().setLastMessagePreview(sid, null);
      loadPreview(m.conversation);
    }
  }));

  // --- participants and typing -------------------------------------------------------------
  const putParticipant = (p: Participant) => {
    if (!reg.conversations.has(p.conversation.sid)) return;
    reg.rememberParticipant(p);
    state().upsertParticipant(p.conversation.sid, participantSnapshot(p));
    loadUserName(p);
  };
  on('participantJoined', guard(putParticipant));
  on('participantUpdated', guard(({ participant }: { participant: Participant }) => putParticipant(participant)));
  on('participantLeft', guard((p: Participant) => {
    reg.participants.get(p.conversation.sid)?.delete(p.sid);
    state().removeParticipant(p.conversation.sid, p.sid);
  }));
  on('typingStarted', guard((p: Participant) => state().setTyping(p.conversation.sid, participantLabel(p), true)));
  on('typingEnded', guard((p: Participant) => state().setTyping(p.conversation.sid, participantLabel(p), false)));

  return () => {
    live = false;
    off.forEach((f) => f());
    off.length = 0;
  };
}
