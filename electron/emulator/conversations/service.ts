import type { MessageContent } from '../content/records';
import type { Collection, Db } from '../store/db';
import type { SyncEngine } from '../sync/engine';
import { TwilioError, badRequest } from '../util/errors';
import { EmulatorClock } from '../clock';
import { newSid } from '../util/ids';
import { CODES, LIMITS, formatMb } from './limits';
import { freezeRecord } from './frozen';
import { conversationDocument, messageItem, myConversationItem, rosterItem } from './projection';
import { NO_TIMERS, TimerSchedule, checkTimers, nextDue, restartTimers, timer, type ConversationTimers } from './state-timers';
import type {
  ConversationRecord,
  ConversationState,
  MediaRecord,
  MessageMedia,
  MessageRecord,
  NotificationLevel,
  ParticipantRecord,
  ParticipantType,
  ReceiptRecord,
  UserRecord,
} from './records';
import { checkAddressLength, checkAttributes, checkBody, checkFriendlyName, checkIdentity, checkUniqueName } from './validate';
import { CHANNEL_USER_ROLE, RoleStore, SERVICE_USER_ROLE } from './roles';

export { checkAttributes } from './validate';

/** The built-in "channel user" and "service user" roles (see roles.ts). */
export const DEFAULT_ROLE = CHANNEL_USER_ROLE;
export const DEFAULT_USER_ROLE = SERVICE_USER_ROLE;

/**
 * How long an upload may wait for the message that carries it. The emulator's own housekeeping
 * (Twilio publishes no such figure): long enough for any send in progress, even one queued
 * across a restart, short enough that refused sends do not pile up.
 */
export const UNSENT_MEDIA_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/** Where a change came from, as Twilio's webhooks report it (`Source`). */
export type ChangeSource = 'SDK' | 'API' | 'SMS' | 'WHATSAPP';

export type DomainEvent =
  | { type: 'conversationAdded' | 'conversationUpdated' | 'conversationRemoved'; conversation: ConversationRecord; source: ChangeSource; identity: string | null }
  | { type: 'participantAdded' | 'participantUpdated' | 'participantRemoved'; conversation: ConversationRecord; participant: ParticipantRecord; source: ChangeSource; identity: string | null }
  | { type: 'messageAdded' | 'messageUpdated' | 'messageRemoved'; conversation: ConversationRecord; message: MessageRecord; source: ChangeSource; identity: string | null }
  | { type: 'typing'; conversation: ConversationRecord; identity: string }
  | { type: 'userUpdated'; user: UserRecord };

export interface Actor {
  /** Chat identity acting (SDK calls) or null for REST / customers. */
  identity: string | null;
  source: ChangeSource;
}

export interface NewConversation {
  friendlyName?: string | null;
  uniqueName?: string | null;
  attributes?: string;
  state?: ConversationState;
  /** ISO 8601 durations (`Timers.Inactive`, `Timers.Closed`); `PT0S` means none. */
  timers?: { inactive?: string; closed?: string };
  dateCreated?: string;
}

export interface ConversationPatch {
  friendlyName?: string | null;
  uniqueName?: string | null;
  attributes?: string;
  state?: ConversationState;
  timers?: { inactive?: string; closed?: string };
  /** When the change happened (REST `DateUpdated`, history seeding); now when absent. */
  dateUpdated?: string;
}

export interface ServiceOptions {
  /** The emulator's time (dates stamped, timers); the real time when absent. */
  clock?: EmulatorClock;
  /** Active or inactive conversations a chat identity may be in (tests lower it). */
  conversationsPerIdentity?: number;
}

export type NewParticipant =
  | { identity: string; attributes?: string; roleSid?: string; dateCreated?: string }
  | { address: string; proxyAddress?: string | null; attributes?: string; roleSid?: string; dateCreated?: string };

export interface NewMessage {
  author?: string | null;
  body?: string | null;
  subject?: string | null;
  attributes?: string;
  mediaSids?: string[];
  contentSid?: string | null;
  /** The rendered template of a ContentSid send (content/template-messages.ts resolveTemplate). */
  content?: MessageContent | null;
  dateCreated?: string;
}

/** A new conversation's input, checked: what `insertConversation` stores. */
interface CheckedConversation {
  uniqueName: string | null;
  friendlyName: string | null;
  attributes: string;
  state: ConversationState;
  timers: ConversationTimers;
  t: string;
}

/** A new participant's input, checked: what `storeParticipant` stores. */
interface CheckedParticipant {
  who: Pick<ParticipantRecord, 'identity' | 'type' | 'address' | 'proxyAddress'>;
  attributes: string;
  givenRole: string | undefined;
  t: string;
}

const E164 = /^\+[1-9]\d{6,14}$/;

/** Parses a customer address: `+1555…` is SMS, `whatsapp:+1555…` WhatsApp. */
export function parseAddress(raw: string): { type: ParticipantType; address: string } {
  checkAddressLength(raw, 'Address');
  const value = raw.trim();
  const whatsapp = value.toLowerCase().startsWith('whatsapp:');
  const number = whatsapp ? value.slice('whatsapp:'.length) : value;
  if (!E164.test(number)) {
    throw new TwilioError(400, CODES.invalidAddress, `Invalid messaging binding address "${raw}": use E.164, e.g. +14155550123${whatsapp ? ' after "whatsapp:"' : ''}`);
  }
  return whatsapp ? { type: 'whatsapp', address: `whatsapp:${number}` } : { type: 'sms', address: number };
}

/**
 * Twilio Conversations' behaviour over the Sync engine: every change updates the persisted
 * records, projects into the Sync objects the SDK watches, and is announced to listeners
 * (webhooks, delivery, typing fan-out).
 *
 * Every change first checks all of its input (nothing is written until every check passed, so a
 * refused change leaves no trace in memory, in Sync or in the journal), then stores new frozen
 * records: a record handed out never changes under its holder and cannot be changed by it.
 */
export class ConversationsService {
  readonly users: Collection<UserRecord>;
  readonly conversations: Collection<ConversationRecord>;
  readonly participants: Collection<ParticipantRecord>;
  readonly messages: Collection<MessageRecord>;
  readonly receipts: Collection<ReceiptRecord>;
  readonly media: Collection<MediaRecord>;
  readonly roles: RoleStore;

  private readonly userByIdentity = new Map<string, UserRecord>();
  private readonly conversationByName = new Map<string, string>();
  private readonly rosterOf = new Map<string, Map<string, ParticipantRecord>>();
  private readonly conversationsOfIdentity = new Map<string, Map<string, ParticipantRecord>>();
  private readonly messageSidsOf = new Map<string, Map<number, string>>();
  /** `address|proxyAddress` → SMS/WhatsApp participants with that binding (any conversation). */
  private readonly byBinding = new Map<string, Map<string, ParticipantRecord>>();
  private readonly receiptsOf = new Map<string, ReceiptRecord[]>();
  /** Chat identity → how many of its conversations are not closed (the 1,000 limit's count). */
  private readonly openConversationsOf = new Map<string, number>();
  private readonly listeners = new Set<(e: DomainEvent) => void>();
  private eventCount = 0;
  readonly clock: EmulatorClock;
  private readonly conversationsPerIdentity: number;
  private readonly timers: TimerSchedule;

  constructor(
    private readonly db: Db,
    private readonly sync: SyncEngine,
    readonly ids: { accountSid: string; serviceSid: string; messagingServiceSid: string },
    options: ServiceOptions = {},
  ) {
    this.clock = options.clock ?? new EmulatorClock();
    this.conversationsPerIdentity = options.conversationsPerIdentity ?? LIMITS.conversationsPerIdentity;
    this.timers = new TimerSchedule(this.clock, (sids) => this.fireTimers(sids));
    this.users = db.collection('users');
    this.conversations = db.collection('conversations');
    this.participants = db.collection('participants');
    this.messages = db.collection('messages');
    this.receipts = db.collection('receipts');
    this.media = db.collection('media');
    this.roles = new RoleStore(db);
    this.rebuildIndexes();
    // Bytes whose record never reached the journal (killed between the two) belong to no one.
    for (const id of db.blobIds()) if (!this.media.has(id)) db.deleteBlob(id);
    this.sweepUnsentMedia(UNSENT_MEDIA_RETENTION_MS, this.clock.now());
    // Nobody is connected to a process that just started, whatever was saved before a kill.
    for (const u of [...this.users.values()]) if (u.online) this.setOnline(u.identity, false);
  }

  /** Bumped by every announced change: lets readers cache what they derive (e.g. sorted pages). */
  get revision(): number {
    return this.eventCount;
  }

  /** Stops the conversation timers (the records keep them; a restart re-arms them). */
  close(): void {
    this.timers.close();
  }

  /** Whether the chat identity may join one more open conversation (the 1,000 limit). */
  canJoin(identity: string): boolean {
    return this.openConversationCount(identity) < this.conversationsPerIdentity;
  }

  /** How many active or inactive conversations the chat identity is in. */
  openConversationCount(identity: string): number {
    return this.openConversationsOf.get(identity) ?? 0;
  }

  onEvent(listener: (e: DomainEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- users ---------------------------------------------------------------------------------

  findUser(identity: string): UserRecord | undefined {
    return this.userByIdentity.get(identity);
  }

  /**
   * The user of an identity, created on first sight as Twilio does. Token identities arrive here
   * already verified, and presence must never throw; callers taking an identity from a request
   * check it first (checkIdentity).
   */
  ensureUser(identity: string): UserRecord {
    return this.userByIdentity.get(identity) ?? this.insertUser(identity, null, '{}');
  }

  /** A new user (REST `POST /Users`); every input is checked before anything is stored. */
  createUser(rawIdentity: string, input: { friendlyName?: string | null; attributes?: string; roleSid?: string }): UserRecord {
    const identity = checkIdentity(rawIdentity);
    const friendlyName = checkFriendlyName(input.friendlyName);
    const attributes = checkAttributes(input.attributes, 'User');
    const roleSid = input.roleSid === undefined ? undefined : this.roles.checkAssignable(input.roleSid, 'service');
    if (this.userByIdentity.has(identity)) throw new TwilioError(409, CODES.userExists, `User with identity "${identity}" already exists`);
    const user = this.insertUser(identity, friendlyName, attributes, roleSid);
    this.emit({ type: 'userUpdated', user });
    return user;
  }

  updateUser(identity: string, patch: { friendlyName?: string | null; attributes?: string; roleSid?: string }): UserRecord {
    const friendlyName = patch.friendlyName === undefined ? undefined : checkFriendlyName(patch.friendlyName);
    const attributes = patch.attributes === undefined ? undefined : checkAttributes(patch.attributes, 'User');
    const roleSid = patch.roleSid === undefined ? undefined : this.roles.checkAssignable(patch.roleSid, 'service');
    const before = this.ensureUser(identity);
    const user = this.storeUser({
      ...before,
      friendlyName: friendlyName === undefined ? before.friendlyName : friendlyName,
      attributes: attributes ?? before.attributes,
      roleSid: roleSid ?? before.roleSid,
      dateUpdated: this.clock.nowIso(),
    });
    if (user.friendlyName !== before.friendlyName) this.sync.mapSet(user.infoMapSid, 'friendlyName', { value: user.friendlyName });
    if (user.attributes !== before.attributes) this.sync.mapSet(user.infoMapSid, 'attributes', { value: user.attributes });
    this.emit({ type: 'userUpdated', user });
    return user;
  }

  setOnline(identity: string, online: boolean): void {
    const before = this.ensureUser(identity);
    if (before.online === online) return;
    this.storeUser({ ...before, online });
    this.sync.mapSet(before.infoMapSid, 'reachability', { online, notifiable: false });
  }

  // ---- conversations -------------------------------------------------------------------------

  getConversation(sidOrUniqueName: string): ConversationRecord {
    const c = this.findConversation(sidOrUniqueName);
    if (!c) throw new TwilioError(404, CODES.conversationNotFound, `Conversation ${sidOrUniqueName} not found`);
    return c;
  }

  findConversation(sidOrUniqueName: string): ConversationRecord | undefined {
    return this.conversations.get(sidOrUniqueName) ?? this.conversations.get(this.conversationByName.get(sidOrUniqueName) ?? '');
  }

  createConversation(input: NewConversation, actor: Actor): ConversationRecord {
    return this.insertConversation(this.checkConversation(input), actor);
  }

  /**
   * Twilio's `ConversationWithParticipants`: the conversation and its participants are all
   * checked first (a pair already talking in another open conversation is 50425 here, not the
   * Participant resource's 50416; the same identity or address twice in the request is refused
   * as it would be on a second add), and only then written, so a refusal leaves no conversation
   * and announces nothing (no onConversationAdded/onConversationRemoved a consumer would see).
   */
  createConversationWithParticipants(input: NewConversation, participants: readonly NewParticipant[], actor: Actor): ConversationRecord {
    const conversation = this.checkConversation(input);
    const checked = participants.map((p) => this.checkParticipant(null, p, CODES.bindingPairsInUse));
    const seen = new Set<string>();
    for (const { who } of checked) {
      const key = who.identity !== null ? `identity:${who.identity}` : `address:${who.address}`;
      if (seen.has(key)) {
        throw who.identity !== null
          ? new TwilioError(409, CODES.chatParticipantExists, `Participant "${who.identity}" is given twice`)
          : new TwilioError(409, CODES.bindingParticipantExists, `${who.address} is given twice`);
      }
      seen.add(key);
    }
    // Every check has passed: from here on the change is made.
    const c = this.insertConversation(conversation, actor);
    for (const p of checked) this.storeParticipant(c, p, actor);
    return this.conversations.get(c.sid) ?? c;
  }

  private checkConversation(input: NewConversation): CheckedConversation {
    const uniqueName = checkUniqueName(input.uniqueName);
    const friendlyName = checkFriendlyName(input.friendlyName);
    const attributes = checkAttributes(input.attributes, 'Conversation');
    if (uniqueName && this.conversationByName.has(uniqueName)) {
      throw new TwilioError(409, CODES.uniqueNameTaken, `Conversation with unique name "${uniqueName}" already exists`);
    }
    if (input.state === 'closed') throw badRequest("A conversation cannot be created closed: State must be 'active' or 'inactive'", CODES.initialStateClosed);
    const givesTimers = input.timers?.inactive !== undefined || input.timers?.closed !== undefined;
    if (givesTimers && input.state === undefined) {
      throw badRequest('Timers.Inactive and Timers.Closed can only be set on creation together with State', CODES.timerWithoutState);
    }
    const timers = givesTimers ? checkTimers({ inactive: input.timers?.inactive, closed: input.timers?.closed }, NO_TIMERS, this.clock.now()) : NO_TIMERS;
    return { uniqueName, friendlyName, attributes, state: input.state ?? 'active', timers, t: input.dateCreated ?? this.clock.nowIso() };
  }

  private insertConversation(checked: CheckedConversation, actor: Actor): ConversationRecord {
    const { uniqueName, friendlyName, attributes, state, timers, t } = checked;
    const list = this.sync.createList(null);
    const roster = this.sync.createMap(null);
    const sid = newSid('CH');
    const draft: ConversationRecord = {
      sid,
      uniqueName,
      friendlyName,
      attributes,
      createdBy: actor.identity ?? 'system',
      messagingServiceSid: this.ids.messagingServiceSid,
      state,
      stateUpdated: t,
      timers,
      dateCreated: t,
      dateUpdated: t,
      documentSid: '',
      messagesListSid: list.sid,
      rosterMapSid: roster.sid,
      lastMessage: null,
    };
    const c = this.storeConversation({ ...draft, documentSid: this.sync.createDocument(`${sid}.channel`, conversationDocument(draft)).sid });
    if (uniqueName) this.conversationByName.set(uniqueName, sid);
    this.rosterOf.set(sid, new Map());
    this.messageSidsOf.set(sid, new Map());
    this.timers.set(c.sid, nextDue(timers));
    this.emit({ type: 'conversationAdded', conversation: c, source: actor.source, identity: actor.identity });
    return c;
  }

  updateConversation(sid: string, patch: ConversationPatch, actor: Actor): ConversationRecord {
    const before = this.requireOpen(this.getConversation(sid));
    const now = this.clock.now();
    const timers = patch.timers ? checkTimers({ inactive: patch.timers.inactive, closed: patch.timers.closed }, timersOf(before), now) : timersOf(before);
    const uniqueName = patch.uniqueName === undefined ? before.uniqueName : checkUniqueName(patch.uniqueName);
    const friendlyName = patch.friendlyName === undefined ? before.friendlyName : checkFriendlyName(patch.friendlyName);
    const attributes = patch.attributes === undefined ? before.attributes : checkAttributes(patch.attributes, 'Conversation');
    if (uniqueName && uniqueName !== before.uniqueName && this.conversationByName.has(uniqueName)) {
      throw new TwilioError(409, CODES.uniqueNameTaken, `Conversation with unique name "${uniqueName}" already exists`);
    }
    if (before.uniqueName !== uniqueName) {
      if (before.uniqueName) this.conversationByName.delete(before.uniqueName);
      if (uniqueName) this.conversationByName.set(uniqueName, before.sid);
    }
    const t = patch.dateUpdated ?? new Date(now).toISOString();
    const c = this.saveConversation(this.withState({ ...before, uniqueName, friendlyName, attributes, timers, dateUpdated: t }, patch.state ?? before.state, t));
    this.emit({ type: 'conversationUpdated', conversation: c, source: actor.source, identity: actor.identity });
    return c;
  }

  /** Runs the timers of these conversations that fell due on the emulator clock. */
  private fireTimers(sids: string[]): void {
    const now = this.clock.now();
    for (const sid of sids) {
      const before = this.conversations.get(sid);
      if (!before || before.state === 'closed') continue;
      const timers = timersOf(before);
      const closes = !!timers.closed?.due && Date.parse(timers.closed.due) <= now;
      const sleeps = !closes && !!timers.inactive?.due && Date.parse(timers.inactive.due) <= now;
      if (!closes && !sleeps) {
        this.timers.set(sid, nextDue(timers));
        continue;
      }
      const due = (closes ? timers.closed?.due : timers.inactive?.due) as string;
      // A fired timer is spent; the conversation changes at the instant it fell due.
      const next = closes ? 'closed' : before.state === 'active' ? 'inactive' : before.state;
      const left: ConversationTimers = closes ? NO_TIMERS : { ...timers, inactive: timer((timers.inactive as { duration: string }).duration, null) };
      const c = this.saveConversation(this.withState({ ...before, timers: left, dateUpdated: due }, next, due));
      this.emit({ type: 'conversationUpdated', conversation: c, source: 'API', identity: null });
    }
    // Outside any request: make the change as durable as a request's would be.
    this.db.commit();
  }

  /**
   * `c` moved to `state` at `t`: a closed conversation drops its timers, no longer counts
   * towards its chat participants' limit, and (through findByBinding) frees its SMS/WhatsApp
   * bindings. The caller stores the result.
   */
  private withState(c: ConversationRecord, state: ConversationState, t: string): ConversationRecord {
    if (state === c.state) {
      this.timers.set(c.sid, nextDue(timersOf(c)));
      return c;
    }
    if (state === 'closed') {
      for (const p of this.roster(c.sid)) if (p.identity) this.countOpen(p.identity, -1);
      this.timers.set(c.sid, null);
      return { ...c, state, stateUpdated: t, timers: NO_TIMERS };
    }
    // Made active again by hand: a timer that fired starts over, as it would on a message.
    const timers = state === 'active' ? restartTimers(timersOf(c), Date.parse(t), true) : timersOf(c);
    this.timers.set(c.sid, nextDue(timers));
    return { ...c, state, stateUpdated: t, timers };
  }

  private countOpen(identity: string, delta: number): void {
    const n = (this.openConversationsOf.get(identity) ?? 0) + delta;
    if (n > 0) this.openConversationsOf.set(identity, n);
    else this.openConversationsOf.delete(identity);
  }

  /** A closed conversation is final and read-only (Twilio's 50377). */
  private requireOpen(c: ConversationRecord): ConversationRecord {
    if (c.state === 'closed') throw new TwilioError(400, CODES.conversationClosed, `Conversation ${c.sid} is closed: it can no longer be changed or used for chatting`);
    return c;
  }

  deleteConversation(sid: string, actor: Actor): void {
    const c = this.getConversation(sid);
    for (const p of [...this.roster(c.sid)]) this.detachParticipant(c, p);
    for (const msgSid of this.messageSidsOf.get(c.sid)?.values() ?? []) {
      const m = this.messages.get(msgSid);
      if (m) this.forgetMessage(m);
    }
    this.sync.removeObject(c.documentSid);
    this.sync.removeObject(c.messagesListSid);
    this.sync.removeObject(c.rosterMapSid);
    this.conversations.delete(c.sid);
    if (c.uniqueName) this.conversationByName.delete(c.uniqueName);
    this.rosterOf.delete(c.sid);
    this.messageSidsOf.delete(c.sid);
    this.timers.set(c.sid, null);
    this.emit({ type: 'conversationRemoved', conversation: c, source: actor.source, identity: actor.identity });
  }

  /** Conversations the identity participates in, newest activity first. */
  conversationsOf(identity: string): Array<{ conversation: ConversationRecord; participant: ParticipantRecord }> {
    const out: Array<{ conversation: ConversationRecord; participant: ParticipantRecord }> = [];
    for (const p of this.conversationsOfIdentity.get(identity)?.values() ?? []) {
      const c = this.conversations.get(p.conversationSid);
      if (c) out.push({ conversation: c, participant: p });
    }
    return out;
  }

  // ---- participants --------------------------------------------------------------------------

  roster(conversationSid: string): IterableIterator<ParticipantRecord> {
    return (this.rosterOf.get(conversationSid) ?? new Map<string, ParticipantRecord>()).values();
  }

  findParticipant(conversationSid: string, sidOrIdentity: string): ParticipantRecord | undefined {
    const roster = this.rosterOf.get(conversationSid);
    if (!roster) return undefined;
    const bySid = roster.get(sidOrIdentity);
    if (bySid) return bySid;
    for (const p of roster.values()) if (p.identity === sidOrIdentity) return p;
    return undefined;
  }

  getParticipant(conversationSid: string, sidOrIdentity: string): ParticipantRecord {
    const p = this.findParticipant(conversationSid, sidOrIdentity);
    if (!p) throw new TwilioError(404, CODES.participantNotFound, `Participant ${sidOrIdentity} not found in conversation ${conversationSid}`);
    return p;
  }

  participantOfIdentity(conversationSid: string, identity: string): ParticipantRecord | undefined {
    return this.conversationsOfIdentity.get(identity)?.get(conversationSid);
  }

  /**
   * Non-chat participant with this customer address talking to this proxy number, in any
   * conversation that is not closed: closing a conversation releases its bindings, as on Twilio.
   */
  findByBinding(address: string, proxyAddress: string): ParticipantRecord | undefined {
    for (const p of this.byBinding.get(bindingKey(address, proxyAddress))?.values() ?? []) {
      if (this.conversations.get(p.conversationSid)?.state !== 'closed') return p;
    }
    return undefined;
  }

  addParticipant(conversationSid: string, input: NewParticipant, actor: Actor): ParticipantRecord {
    const c = this.requireOpen(this.getConversation(conversationSid));
    return this.storeParticipant(c, this.checkParticipant(c.sid, input, CODES.bindingInUse), actor);
  }

  /**
   * Checks a participant for a conversation, or for one about to be created with it
   * (`conversationSid` null: no roster yet). `bindingInUseCode` is the code a pair already
   * talking elsewhere gets: 50416 from the Participant resource, 50425 from ConversationWithParticipants.
   */
  private checkParticipant(conversationSid: string | null, input: NewParticipant, bindingInUseCode: number): CheckedParticipant {
    const attributes = checkAttributes(input.attributes, 'Participant');
    const givenRole = input.roleSid === undefined ? undefined : this.roles.checkAssignable(input.roleSid, 'conversation');
    const t = input.dateCreated ?? this.clock.nowIso();
    if ('identity' in input) {
      const identity = checkIdentity(input.identity);
      if (conversationSid !== null && this.participantOfIdentity(conversationSid, identity)) {
        throw new TwilioError(409, CODES.chatParticipantExists, `Participant "${identity}" already exists in this conversation`);
      }
      if (!this.canJoin(identity)) {
        throw badRequest(
          `User conversation limit exceeded: "${identity}" is already in ${this.conversationsPerIdentity} active or inactive conversations; close or leave some first`,
          CODES.userConversationLimit,
        );
      }
      return { who: { identity, type: 'chat', address: null, proxyAddress: null }, attributes, givenRole, t };
    }
    const { type, address } = parseAddress(input.address);
    const proxyRaw = input.proxyAddress?.trim();
    if (!proxyRaw) throw badRequest(`A proxy address (your ${type === 'whatsapp' ? 'WhatsApp sender' : 'Twilio number'}) is required for ${address}`, CODES.invalidAddress);
    const proxy = parseAddress(type === 'whatsapp' && !proxyRaw.startsWith('whatsapp:') ? `whatsapp:${proxyRaw}` : proxyRaw);
    if (proxy.type !== type) throw badRequest(`Proxy address ${proxyRaw} is not a ${type === 'whatsapp' ? 'WhatsApp' : 'SMS'} address`, CODES.invalidAddress);
    for (const other of conversationSid === null ? [] : this.roster(conversationSid)) {
      if (other.address === address) {
        throw new TwilioError(409, CODES.bindingParticipantExists, `${address} is already a participant of this conversation`);
      }
    }
    const elsewhere = this.findByBinding(address, proxy.address);
    if (elsewhere) {
      throw new TwilioError(409, bindingInUseCode, `${address} already talks to ${proxy.address} in conversation ${elsewhere.conversationSid}`);
    }
    return { who: { identity: null, type, address, proxyAddress: proxy.address }, attributes, givenRole, t };
  }

  private storeParticipant(c: ConversationRecord, checked: CheckedParticipant, actor: Actor): ParticipantRecord {
    const { who, attributes, givenRole, t } = checked;
    if (who.identity) this.ensureUser(who.identity);
    // Twilio's default_conversation_creator_role_sid: "assigned to a conversation creator when they join".
    const joinsOwn = actor.source === 'SDK' && who.identity !== null && who.identity === actor.identity && who.identity === c.createdBy;
    const defaults = this.roles.defaults;
    const p = freezeRecord<ParticipantRecord>({
      sid: newSid('MB'),
      conversationSid: c.sid,
      ...who,
      attributes,
      roleSid: givenRole ?? (joinsOwn ? defaults.conversationCreator : defaults.conversation),
      notificationLevel: 'default',
      lastReadIndex: null,
      lastReadTimestamp: null,
      dateCreated: t,
      dateUpdated: t,
    });
    this.participants.put(p.sid, p);
    this.indexParticipant(p);
    if (p.identity) this.countOpen(p.identity, 1);
    this.sync.mapSet(c.rosterMapSid, p.sid, rosterItem(p, this.userInfoOf(p)));
    if (p.identity) this.sync.mapSet(this.ensureUser(p.identity).conversationsMapSid, c.sid, myConversationItem(c, p));
    this.emit({ type: 'participantAdded', conversation: c, participant: p, source: actor.source, identity: actor.identity });
    return p;
  }

  /**
   * Changes a participant's attributes, role and (chat participants only) read horizon in one
   * step, so that a refused part refuses all of it.
   */
  updateParticipant(
    conversationSid: string,
    sidOrIdentity: string,
    patch: { attributes?: string; roleSid?: string; lastReadIndex?: number },
    actor: Actor,
  ): ParticipantRecord {
    const c = this.requireOpen(this.getConversation(conversationSid));
    const before = this.getParticipant(c.sid, sidOrIdentity);
    const attributes = patch.attributes === undefined ? before.attributes : checkAttributes(patch.attributes, 'Participant');
    const roleSid = patch.roleSid === undefined ? before.roleSid : this.roles.checkAssignable(patch.roleSid, 'conversation');
    if (patch.lastReadIndex !== undefined && before.type !== 'chat') throw badRequest('LastReadMessageIndex applies to chat participants only', CODES.invalidParameter);
    const read = patch.lastReadIndex === undefined ? {} : { lastReadIndex: patch.lastReadIndex, lastReadTimestamp: this.clock.nowIso() };
    const p = this.saveParticipant(c, { ...before, ...read, attributes, roleSid });
    this.emit({ type: 'participantUpdated', conversation: c, participant: p, source: actor.source, identity: actor.identity });
    return p;
  }

  removeParticipant(conversationSid: string, sidOrIdentity: string, actor: Actor): ParticipantRecord {
    const c = this.requireOpen(this.getConversation(conversationSid));
    const p = this.getParticipant(c.sid, sidOrIdentity);
    this.detachParticipant(c, p);
    this.emit({ type: 'participantRemoved', conversation: c, participant: p, source: actor.source, identity: actor.identity });
    return p;
  }

  setNotificationLevel(conversationSid: string, identity: string, level: NotificationLevel): ParticipantRecord {
    const c = this.getConversation(conversationSid);
    const p = this.requireMember(c, identity);
    return this.saveParticipant(c, { ...p, notificationLevel: level });
  }

  /**
   * A user's own side of a conversation (REST User Conversation update): notification level and
   * read horizon in one step. A horizon set without a timestamp is stamped now, as the SDK's are.
   */
  updateUserConversation(
    conversationSid: string,
    identity: string,
    patch: { notificationLevel?: NotificationLevel; lastReadIndex?: number | null; lastReadTimestamp?: string },
    actor: Actor,
  ): ParticipantRecord {
    const c = this.getConversation(conversationSid);
    const before = this.requireMember(c, identity);
    const read = patch.lastReadIndex === undefined ? {} : { lastReadIndex: patch.lastReadIndex, lastReadTimestamp: this.clock.nowIso() };
    const stamp = patch.lastReadTimestamp === undefined ? {} : { lastReadTimestamp: patch.lastReadTimestamp };
    const p = this.saveParticipant(c, { ...before, ...read, ...stamp, notificationLevel: patch.notificationLevel ?? before.notificationLevel });
    this.emit({ type: 'participantUpdated', conversation: c, participant: p, source: actor.source, identity: actor.identity });
    return p;
  }

  // ---- messages ------------------------------------------------------------------------------

  getMessage(conversationSid: string, sidOrIndex: string): MessageRecord {
    const byIndex = /^\d+$/.test(sidOrIndex) ? this.messageSidsOf.get(conversationSid)?.get(Number(sidOrIndex)) : undefined;
    const m = this.messages.get(byIndex ?? sidOrIndex);
    if (!m || m.conversationSid !== conversationSid) throw new TwilioError(404, CODES.messageNotFound, `Message ${sidOrIndex} not found in conversation ${conversationSid}`);
    return m;
  }

  /** Messages in index order (for REST paging). */
  messagesOf(conversationSid: string): MessageRecord[] {
    const out: MessageRecord[] = [];
    for (const item of this.sync.items(this.getConversation(conversationSid).messagesListSid)) {
      const m = this.messages.get(String(item.data.sid));
      if (m) out.push(m);
    }
    return out;
  }

  messageCount(conversationSid: string): number {
    return this.sync.itemCount(this.getConversation(conversationSid).messagesListSid);
  }

  sendMessage(conversationSid: string, input: NewMessage, actor: Actor): MessageRecord {
    const c = this.requireOpen(this.getConversation(conversationSid));
    const author = input.author ?? actor.identity ?? 'system';
    const participant = this.findAuthorParticipant(c, author);
    if (actor.source === 'SDK' && !participant) {
      throw new TwilioError(403, CODES.notParticipant, `${author} is not a participant of this conversation`);
    }
    const body = input.body ?? null;
    checkBody(body, this.channelsOf(c.sid));
    const attributes = checkAttributes(input.attributes, 'Message');
    const media = this.attachMedia(c, input.mediaSids ?? []);
    if (!body && media.length === 0 && !input.contentSid) throw badRequest('A message needs a body, media or a content template', CODES.invalidParameter);
    // Every check has passed: from here on the change is made.
    const t = input.dateCreated ?? this.clock.nowIso();
    const draft: MessageRecord = {
      sid: newSid('IM'),
      conversationSid: c.sid,
      index: -1,
      author,
      participantSid: participant?.sid ?? null,
      body,
      subject: input.subject ?? null,
      attributes,
      media,
      contentSid: input.contentSid ?? null,
      ...(input.content ? { content: input.content } : {}),
      dateCreated: t,
      dateUpdated: t,
      lastUpdatedBy: null,
    };
    const item = this.sync.listAppend(c.messagesListSid, messageItem(draft, []));
    const m = freezeRecord<MessageRecord>({ ...draft, index: Number(item.key) });
    for (const x of media) {
      const rec = this.media.get(x.sid);
      if (rec) this.media.put(rec.sid, freezeRecord({ ...rec, conversationSid: c.sid, messageSid: m.sid }));
    }
    this.messages.put(m.sid, m);
    this.messageSidsOf.get(c.sid)?.set(m.index, m.sid);
    // A message is activity: an inactive conversation becomes active again, and its timers count
    // from now (Twilio: "automatically move from an inactive to active state when a new text or
    // media message arrives"). A backdated message (DateCreated) is activity now all the same.
    const nowIso = this.clock.nowIso();
    const awake = { ...c, lastMessage: { index: m.index, timestamp: t }, dateUpdated: t, timers: restartTimers(timersOf(c), Date.parse(nowIso)) };
    const updated = this.saveConversation(this.withState(awake, c.state === 'inactive' ? 'active' : c.state, nowIso));
    // Writing a message moves the author's own read horizon past it, as Twilio does.
    if (participant) this.advanceRead(updated, participant, m.index, t);
    this.emit({ type: 'messageAdded', conversation: updated, message: m, source: actor.source, identity: actor.identity });
    return m;
  }

  updateMessage(conversationSid: string, sid: string, patch: { body?: string | null; attributes?: string }, actor: Actor): MessageRecord {
    const c = this.requireOpen(this.getConversation(conversationSid));
    const before = this.getMessage(c.sid, sid);
    const body = patch.body === undefined ? before.body : patch.body;
    if (patch.body !== undefined) checkBody(body, this.channelsOf(c.sid));
    const attributes = patch.attributes === undefined ? before.attributes : checkAttributes(patch.attributes, 'Message');
    const m = freezeRecord<MessageRecord>({ ...before, body, attributes, dateUpdated: this.clock.nowIso(), lastUpdatedBy: actor.identity });
    this.messages.put(m.sid, m);
    this.projectMessage(c, m);
    this.emit({ type: 'messageUpdated', conversation: c, message: m, source: actor.source, identity: actor.identity });
    return m;
  }

  removeMessage(conversationSid: string, sid: string, actor: Actor): MessageRecord {
    const c = this.requireOpen(this.getConversation(conversationSid));
    const m = this.getMessage(c.sid, sid);
    this.sync.listRemove(c.messagesListSid, m.index);
    this.messageSidsOf.get(c.sid)?.delete(m.index);
    this.forgetMessage(m);
    this.emit({ type: 'messageRemoved', conversation: c, message: m, source: actor.source, identity: actor.identity });
    return m;
  }

  /** Sets a chat member's read horizon; returns the unread count that results. */
  setReadHorizon(conversationSid: string, identity: string, index: number | null): number | null {
    const c = this.getConversation(conversationSid);
    const p = this.saveParticipant(c, { ...this.requireMember(c, identity), lastReadIndex: index, lastReadTimestamp: this.clock.nowIso() });
    return this.unreadCount(c, p);
  }

  /** Twilio reports null until a read horizon has been set. */
  unreadCount(c: ConversationRecord, p: ParticipantRecord): number | null {
    if (p.lastReadIndex === null) return null;
    return this.sync.countAfter(c.messagesListSid, p.lastReadIndex);
  }

  typing(conversationSid: string, identity: string): void {
    const c = this.getConversation(conversationSid);
    this.requireMember(c, identity);
    this.emit({ type: 'typing', conversation: c, identity });
  }

  // ---- media ---------------------------------------------------------------------------------

  /**
   * Deletes uploads that never became part of a message (the send was refused or never made)
   * once they are older than `retentionMs`; sent media go with their message instead.
   */
  sweepUnsentMedia(retentionMs = UNSENT_MEDIA_RETENTION_MS, now = Date.now()): number {
    let swept = 0;
    for (const rec of [...this.media.values()]) {
      if (rec.messageSid !== null || !(now - Date.parse(rec.dateCreated) > retentionMs)) continue;
      this.media.delete(rec.sid);
      this.db.deleteBlob(rec.sid);
      swept++;
    }
    return swept;
  }

  // ---- receipts ------------------------------------------------------------------------------

  receiptsFor(messageSid: string): ReceiptRecord[] {
    return [...(this.receiptsOf.get(messageSid) ?? [])];
  }

  /** Creates or advances a delivery receipt and re-projects the message's aggregate. */
  putReceipt(receipt: ReceiptRecord): void {
    const r = freezeRecord({ ...receipt });
    const list = this.receiptsOf.get(r.messageSid) ?? [];
    const at = list.findIndex((x) => x.sid === r.sid);
    if (at >= 0) list[at] = r;
    else list.push(r);
    this.receiptsOf.set(r.messageSid, list);
    this.receipts.put(r.sid, r);
    const m = this.messages.get(r.messageSid);
    const c = m ? this.conversations.get(m.conversationSid) : undefined;
    if (m && c) this.projectMessage(c, m);
  }

  // ---- internals -----------------------------------------------------------------------------

  private emit(e: DomainEvent): void {
    this.eventCount++;
    for (const l of this.listeners) l(e);
  }

  private userInfoOf(p: ParticipantRecord): string | null {
    return p.identity ? this.ensureUser(p.identity).infoMapSid : null;
  }

  private requireMember(c: ConversationRecord, identity: string): ParticipantRecord {
    const p = this.participantOfIdentity(c.sid, identity);
    if (!p) throw new TwilioError(403, CODES.notParticipant, `${identity} is not a participant of this conversation`);
    return p;
  }

  private findAuthorParticipant(c: ConversationRecord, author: string): ParticipantRecord | undefined {
    const byIdentity = this.participantOfIdentity(c.sid, author);
    if (byIdentity) return byIdentity;
    for (const p of this.roster(c.sid)) if (p.address === author) return p;
    return undefined;
  }

  private channelsOf(conversationSid: string): Set<ParticipantType> {
    return new Set([...this.roster(conversationSid)].map((p) => p.type));
  }

  private attachMedia(c: ConversationRecord, sids: string[]): MessageMedia[] {
    const channels = this.channelsOf(c.sid);
    const media = sids.map((sid) => {
      const rec = this.media.get(sid);
      if (!rec) throw new TwilioError(400, CODES.mediaNotFound, `Media ${sid} was not found: upload it first`);
      return { sid: rec.sid, category: rec.category, filename: rec.filename, contentType: rec.contentType, size: rec.size };
    });
    const attachments = media.filter((x) => x.category === 'media');
    if (attachments.length > LIMITS.mediaPerMessage) {
      throw new TwilioError(400, CODES.tooManyMedia, `A message can carry at most ${LIMITS.mediaPerMessage} attachments (got ${attachments.length})`);
    }
    if (channels.has('whatsapp')) {
      if (attachments.length > LIMITS.whatsappMediaPerMessage) {
        throw new TwilioError(400, CODES.tooManyMedia, `WhatsApp allows ${LIMITS.whatsappMediaPerMessage} attachment per message (got ${attachments.length})`);
      }
      const big = attachments.find((x) => x.size > LIMITS.whatsappFileBytes);
      if (big) throw new TwilioError(400, CODES.mediaTooLarge, `WhatsApp attachments are at most ${formatMb(LIMITS.whatsappFileBytes)}; ${big.filename ?? big.sid} is ${formatMb(big.size)}`);
    }
    if (channels.has('sms')) {
      const total = attachments.reduce((n, x) => n + x.size, 0);
      if (total > LIMITS.mmsTotalBytes) {
        throw new TwilioError(400, CODES.mediaTooLarge, `MMS attachments must total at most ${formatMb(LIMITS.mmsTotalBytes)} (this message has ${formatMb(total)})`);
      }
    }
    return media;
  }

  private advanceRead(c: ConversationRecord, p: ParticipantRecord, index: number, t: string): void {
    if (p.type !== 'chat' || (p.lastReadIndex !== null && p.lastReadIndex >= index)) return;
    this.saveParticipant(c, { ...p, lastReadIndex: index, lastReadTimestamp: t });
  }

  private storeUser(next: UserRecord): UserRecord {
    const user = freezeRecord(next);
    this.users.put(user.sid, user);
    this.userByIdentity.set(user.identity, user);
    return user;
  }

  private insertUser(identity: string, friendlyName: string | null, attributes: string, roleSid?: string): UserRecord {
    const t = this.clock.nowIso();
    const info = this.sync.createMap(null);
    const mine = this.sync.createMap(null);
    this.sync.mapSet(info.sid, 'friendlyName', { value: friendlyName });
    this.sync.mapSet(info.sid, 'attributes', { value: attributes });
    this.sync.mapSet(info.sid, 'reachability', { online: false, notifiable: false });
    return this.storeUser({
      sid: newSid('US'),
      identity,
      friendlyName,
      attributes,
      roleSid: roleSid ?? this.roles.defaults.service,
      infoMapSid: info.sid,
      conversationsMapSid: mine.sid,
      online: false,
      dateCreated: t,
      dateUpdated: t,
    });
  }

  private storeConversation(next: ConversationRecord): ConversationRecord {
    const c = freezeRecord(next);
    this.conversations.put(c.sid, c);
    return c;
  }

  private saveConversation(next: ConversationRecord): ConversationRecord {
    const c = this.storeConversation(next);
    this.sync.setDocument(c.documentSid, conversationDocument(c));
    return c;
  }

  private saveParticipant(c: ConversationRecord, next: ParticipantRecord): ParticipantRecord {
    const p = freezeRecord({ ...next, dateUpdated: this.clock.nowIso() });
    this.participants.put(p.sid, p);
    this.indexParticipant(p);
    this.sync.mapSet(c.rosterMapSid, p.sid, rosterItem(p, this.userInfoOf(p)));
    if (p.identity) this.sync.mapSet(this.ensureUser(p.identity).conversationsMapSid, c.sid, myConversationItem(c, p));
    return p;
  }

  private projectMessage(c: ConversationRecord, m: MessageRecord): void {
    this.sync.listSet(c.messagesListSid, m.index, messageItem(m, this.receiptsFor(m.sid)));
  }

  /** Drops a message's record, receipts and the media it carried (records and bytes). */
  private forgetMessage(m: MessageRecord): void {
    this.messages.delete(m.sid);
    for (const r of this.receiptsOf.get(m.sid) ?? []) this.receipts.delete(r.sid);
    this.receiptsOf.delete(m.sid);
    for (const x of m.media) {
      // Only media this message owns: a sid sent twice belongs to the message that took it last.
      if (this.media.get(x.sid)?.messageSid !== m.sid) continue;
      this.media.delete(x.sid);
      this.db.deleteBlob(x.sid);
    }
  }

  private detachParticipant(c: ConversationRecord, p: ParticipantRecord): void {
    this.participants.delete(p.sid);
    this.rosterOf.get(c.sid)?.delete(p.sid);
    if (p.address !== null && p.proxyAddress !== null) this.byBinding.get(bindingKey(p.address, p.proxyAddress))?.delete(p.sid);
    if (p.identity) {
      if (this.conversations.get(c.sid)?.state !== 'closed') this.countOpen(p.identity, -1);
      this.conversationsOfIdentity.get(p.identity)?.delete(c.sid);
      const user = this.userByIdentity.get(p.identity);
      if (user) this.sync.mapRemove(user.conversationsMapSid, c.sid);
    }
    this.sync.mapRemove(c.rosterMapSid, p.sid);
  }

  private indexParticipant(p: ParticipantRecord): void {
    let roster = this.rosterOf.get(p.conversationSid);
    if (!roster) {
      roster = new Map();
      this.rosterOf.set(p.conversationSid, roster);
    }
    roster.set(p.sid, p);
    if (p.address !== null && p.proxyAddress !== null) {
      const key = bindingKey(p.address, p.proxyAddress);
      let same = this.byBinding.get(key);
      if (!same) this.byBinding.set(key, (same = new Map()));
      same.set(p.sid, p);
    }
    if (p.identity) {
      let mine = this.conversationsOfIdentity.get(p.identity);
      if (!mine) {
        mine = new Map();
        this.conversationsOfIdentity.set(p.identity, mine);
      }
      mine.set(p.conversationSid, p);
    }
  }

  private rebuildIndexes(): void {
    for (const collection of [this.users, this.conversations, this.participants, this.messages, this.receipts, this.media] as Array<Collection<object>>) {
      for (const record of collection.values()) freezeRecord(record);
    }
    for (const u of this.users.values()) this.userByIdentity.set(u.identity, u);
    for (const c of this.conversations.values()) {
      // A conversation's timers are one level deeper than freezeRecord reaches.
      if (c.timers) for (const t of [c.timers.inactive, c.timers.closed]) if (t) Object.freeze(t);
      if (c.uniqueName) this.conversationByName.set(c.uniqueName, c.sid);
      this.rosterOf.set(c.sid, new Map());
      this.messageSidsOf.set(c.sid, new Map());
    }
    for (const p of this.participants.values()) {
      this.indexParticipant(p);
      if (p.identity && this.conversations.get(p.conversationSid)?.state !== 'closed') this.countOpen(p.identity, 1);
    }
    // Timers that fell due while the emulator was stopped fire as soon as it runs.
    for (const c of this.conversations.values()) if (c.state !== 'closed') this.timers.set(c.sid, nextDue(timersOf(c)));
    for (const m of this.messages.values()) this.messageSidsOf.get(m.conversationSid)?.set(m.index, m.sid);
    for (const r of this.receipts.values()) {
      const list = this.receiptsOf.get(r.messageSid) ?? [];
      list.push(r);
      this.receiptsOf.set(r.messageSid, list);
    }
  }
}

const bindingKey = (address: string, proxyAddress: string): string => `${address}|${proxyAddress}`;

export const timersOf = (c: ConversationRecord): ConversationTimers => c.timers ?? NO_TIMERS;
