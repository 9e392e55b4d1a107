/**
 * The team's customers as segments see them, read from Twilio over main's governed REST client at
 * background priority: every conversation's SMS/WhatsApp participants (their binding addresses),
 * with the profile kept in their attributes (customer-service.ts), whether the conversation is open,
 * when it last moved, and the opt-out events in its messages (opt-outs.ts).
 *
 * Incremental: a conversation is read again only when its `dateUpdated` moved (Twilio moves it
 * with every message; a change within a second of the last read is read once more, as Twilio's
 * dates are whole seconds) or, while open, when its participants' copy is older than PARTICIPANTS_TTL_MS
 * (a profile edit changes participants, not the conversation); its messages are read newest first
 * only down to the last index already seen. Closed conversations are final on Twilio, read once.
 * So a refresh over 1,000 unchanged customers costs the conversation list and little else, and a
 * count is computed in memory.
 */
import { channelOfAddress, storedProfileSchema, type CustomerChannel, type StoredProfile } from '../../../shared/ipc/customer-schema';
import { isTeamFeedUniqueName } from '../../../shared/ipc/team-schema';
import type { RestClient } from '../rest/rest-client';
import { attributesObject } from '../team/desk-attributes';
import { eventsOf, failedReceiptCodes, optedOutAddresses, someFailed, type MessageLike, type OptEvent } from './opt-outs';

export const PARTICIPANTS_TTL_MS = 60_000;
const PAGE_SIZE = 1000;
const MESSAGES_PAGE = 100;
/** Conversations read at once; the governor still paces the requests themselves. */
const PARALLEL = 16;

interface ConversationLike {
  sid: string;
  uniqueName: string | null;
  state: string;
  dateUpdated: Date | string | null;
}

interface ParticipantLike {
  identity: string | null;
  attributes?: string | null;
  messagingBinding?: { address?: string } | null;
}

/** One customer address in one conversation. */
export interface Contact {
  address: string;
  channel: CustomerChannel;
  name: string;
  profile: StoredProfile | null;
}

interface Known {
  dateUpdated: number;
  /** The server's time when it was read (Twilio's dates are to the second). */
  seenAt: number;
  state: string;
  readAt: number;
  contacts: Contact[];
  /** Highest message index read, -1 for none. */
  lastIndex: number;
  lastMessageAt: number;
  events: OptEvent[];
}

/** One person: the addresses a profile links (or one address alone). */
export interface Customer {
  /** Addresses, most recently active first. */
  addresses: string[];
  name: string;
  email: string;
  company: string;
  tags: string[];
  channels: Set<CustomerChannel>;
  lastContact: number;
  /** Per address: when it last had a message or change. */
  lastContactOf: Map<string, number>;
  open: boolean;
  optedOut: boolean;
}

export interface Directory {
  customers: Customer[];
  /** Every opted-out address known. */
  optedOut: Set<string>;
  refreshedAt: number;
}

export interface CustomerDirectoryDeps {
  rest(): Promise<RestClient>;
  now?: () => number;
  log?: (line: string) => void;
}

export interface CustomerDirectory {
  /** Reads what changed since the last read (one read at a time; callers share a running one). */
  refresh(): Promise<Directory>;
  /** The last read, or null before the first one ends. */
  current(): Directory | null;
  /** Forgets everything (another profile became active). */
  reset(): void;
}

const ms = (value: Date | string | null): number => (value instanceof Date ? value.getTime() : value ? Date.parse(value) || 0 : 0);

export function createCustomerDirectory(deps: CustomerDirectoryDeps): CustomerDirectory {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? (() => {});
  let known = new Map<string, Known>();
  let directory: Directory | null = null;
  let running: Promise<Directory> | null = null;
  let generation = 0;

  const contactsOf = (participants: ParticipantLike[]): Contact[] =>
    participants
      .filter((p) => !!p.messagingBinding?.address)
      .map((p) => {
        const address = p.messagingBinding?.address as string;
        const attributes = attributesObject(p.attributes);
        const parsed = storedProfileSchema.safeParse(attributes['profile']);
        const profile = parsed.success ? parsed.data : null;
        const plain = typeof attributes['name'] === 'string' ? (attributes['name'] as string).trim() : '';
        return { address, channel: channelOfAddress(address), name: profile?.name || plain, profile };
      });

  /** Messages newer than `after` (index), newest first, reading pages until one reaches `after`. */
  const newMessages = async (rest: RestClient, sid: string, after: number): Promise<MessageLike[]> => {
    const found: MessageLike[] = [];
    type Page = { instances: MessageLike[]; nextPageUrl?: string | null; nextPage(): Promise<Page | undefined> };
    const messages = rest.twilio.conversations.v1.services(rest.serviceSid).conversations(sid).messages;
    let page: Page | undefined = (await rest.withPriority('background', () => messages.page({ order: 'desc', pageSize: MESSAGES_PAGE }))) as unknown as Page;
    while (page) {
      let reached = false;
      for (const m of page.instances) {
        if (m.index <= after) {
          reached = true;
          break;
        }
        found.push(m);
      }
      // The last page says so (no next page): no request to learn it.
      if (reached || !page.nextPageUrl) break;
      const current: Page = page;
      page = await rest.withPriority('background', () => current.nextPage());
    }
    return found;
  };

  const readConversation = async (rest: RestClient, c: ConversationLike, before: Known | undefined): Promise<Known> => {
    const dateUpdated = ms(c.dateUpdated);
    // Twilio's dates are whole seconds: a change in the same second as the last read shows the same
    // dateUpdated, so a conversation that moved within a second of being read is read once more.
    const moved = !before || before.dateUpdated !== dateUpdated || before.state !== c.state || dateUpdated + 1000 >= before.seenAt;
    const seenAt = rest.clock.now();
    const service = rest.twilio.conversations.v1.services(rest.serviceSid);
    const participantsDue = moved || (c.state !== 'closed' && now() - before.readAt >= PARTICIPANTS_TTL_MS);
    const contacts = participantsDue
      ? contactsOf(
          (await rest.withPriority('background', () => service.conversations(c.sid).participants.list({ pageSize: 100, limit: 100 }))) as unknown as ParticipantLike[],
        )
      : before.contacts;
    let { lastIndex, lastMessageAt, events } = before ?? { lastIndex: -1, lastMessageAt: 0, events: [] as OptEvent[] };
    // Chat-only conversations have no customer address to opt out, nor a segment recipient.
    if (moved && contacts.length > 0) {
      const fresh = await newMessages(rest, c.sid, lastIndex);
      if (fresh.length > 0) {
        lastIndex = Math.max(lastIndex, ...fresh.map((m) => m.index));
        lastMessageAt = Math.max(lastMessageAt, ...fresh.map((m) => ms(m.dateCreated)));
        const codes = new Map<string, number[]>();
        await Promise.all(
          fresh.filter(someFailed).map(async (m) => {
            codes.set(m.sid, await failedReceiptCodes(rest, c.sid, m.sid).catch(() => []));
          }),
        );
        events = [...events, ...eventsOf(fresh, new Set(contacts.map((x) => x.address)), codes)];
      }
    }
    return { dateUpdated, seenAt, state: c.state, readAt: participantsDue ? now() : (before?.readAt ?? now()), contacts, lastIndex, lastMessageAt, events };
  };

  const read = async (): Promise<Directory> => {
    const mine = generation;
    const rest = await deps.rest();
    const conversations = (await rest.withPriority('background', () =>
      rest.twilio.conversations.v1.services(rest.serviceSid).conversations.list({ pageSize: PAGE_SIZE }),
    )) as unknown as ConversationLike[];
    const next = new Map<string, Known>();
    const list = conversations.filter((c) => !isTeamFeedUniqueName(c.uniqueName));
    for (let i = 0; i < list.length; i += PARALLEL) {
      await Promise.all(
        list.slice(i, i + PARALLEL).map(async (c) => {
          const before = known.get(c.sid);
          try {
            next.set(c.sid, await readConversation(rest, c, before));
          } catch (error) {
            // Keep what was known; the next refresh tries again.
            if (before) next.set(c.sid, before);
            log(`segments: could not read ${c.sid}: ${(error as Error).message}`);
          }
        }),
      );
    }
    if (mine !== generation) throw new Error('segments: the active profile changed during the read');
    known = next;
    directory = buildDirectory(known.values(), now());
    return directory;
  };

  return {
    refresh() {
      running ??= read().finally(() => {
        running = null;
      });
      return running;
    },
    current: () => directory,
    reset() {
      generation++;
      known = new Map();
      directory = null;
      running = null;
    },
  };
}

/** A small union-find over addresses, so profiles linking addresses group them into one person. */
function groups(links: Iterable<string[]>): Map<string, string> {
  const parent = new Map<string, string>();
  const find = (a: string): string => {
    let root = a;
    while (parent.get(root) !== root) root = parent.get(root) ?? (parent.set(root, root), root);
    parent.set(a, root);
    return root;
  };
  for (const list of links) {
    for (const a of list) if (!parent.has(a)) parent.set(a, a);
    for (let i = 1; i < list.length; i++) {
      const [x, y] = [find(list[0] as string), find(list[i] as string)];
      if (x !== y) parent.set(y, x);
    }
  }
  for (const a of parent.keys()) find(a);
  return parent;
}

/** Conversations' contacts as people: grouped by linked profile addresses, the newest profile copy wins. */
export function buildDirectory(conversations: Iterable<Pick<Known, 'contacts' | 'state' | 'dateUpdated' | 'lastMessageAt' | 'events'>>, refreshedAt: number): Directory {
  type Seen = { address: string; contact: Contact; open: boolean; at: number };
  const seen: Seen[] = [];
  const events: OptEvent[] = [];
  for (const c of conversations) {
    const at = Math.max(c.dateUpdated, c.lastMessageAt);
    for (const contact of c.contacts) seen.push({ address: contact.address, contact, open: c.state !== 'closed', at });
    events.push(...c.events);
  }
  const root = groups(seen.map((s) => [s.address, ...(s.contact.profile?.addresses ?? [])]));
  const people = new Map<string, Seen[]>();
  for (const s of seen) {
    const key = root.get(s.address) ?? s.address;
    const list = people.get(key);
    if (list) list.push(s);
    else people.set(key, [s]);
  }
  const optedOut = optedOutAddresses(events);
  const customers: Customer[] = [];
  for (const list of people.values()) {
    let profile: StoredProfile | null = null;
    let plainName = '';
    const lastContactOf = new Map<string, number>();
    for (const s of list) {
      const p = s.contact.profile;
      if (p && (!profile || p.updatedAt > profile.updatedAt)) profile = p;
      if (!plainName && s.contact.name) plainName = s.contact.name;
      lastContactOf.set(s.address, Math.max(lastContactOf.get(s.address) ?? 0, s.at));
    }
    const addresses = [...lastContactOf.entries()].sort((a, b) => b[1] - a[1]).map(([a]) => a);
    customers.push({
      addresses,
      name: profile?.name || plainName,
      email: profile?.email ?? '',
      company: profile?.company ?? '',
      tags: profile?.tags ?? [],
      channels: new Set(addresses.map(channelOfAddress)),
      lastContact: Math.max(0, ...lastContactOf.values()),
      lastContactOf,
      open: list.some((s) => s.open),
      optedOut: addresses.some((a) => optedOut.has(a)),
    });
  }
  customers.sort((a, b) => b.lastContact - a.lastContact || (a.addresses[0] ?? '').localeCompare(b.addresses[0] ?? ''));
  return { customers, optedOut, refreshedAt };
}
