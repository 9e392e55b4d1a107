import type { ParticipantRecord } from './records';
import type { ConversationsService } from './service';
import { SortedKeys } from './sorted-keys';

type Kind = 'identity' | 'address';

/**
 * Where each chat identity and each customer address takes part, for `GET /ParticipantConversations`
 * and `GET /Users/{…}/Conversations`: per identity (or address) the conversation sids in order,
 * and which participant is theirs in each. Twilio documents ParticipantConversations as "sorted by
 * the conversationSid alphabetically"; User Conversations use the same order (the SDK's own list
 * of a user's conversations, the Sync map the emulator projects, is keyed by conversation sid too).
 *
 * Fed by the service's events (one subscription, for the life of the service), so a lookup never
 * scans every conversation or participant.
 */
export class ParticipantLookup {
  private readonly sids = { identity: new Map<string, SortedKeys>(), address: new Map<string, SortedKeys>() };
  /** `kind|key|conversationSid` → participant sid. */
  private readonly participantOf = new Map<string, string>();
  /** conversationSid → the `kind|key` entries it appears under, to forget a deleted conversation at once. */
  private readonly entriesOf = new Map<string, Set<string>>();

  private constructor(private readonly svc: ConversationsService) {
    // Built in one sort per identity and address: adding one by one splices into sorted arrays,
    // quadratic for an agent with a long resolved history (100,000 conversations at most).
    const unsorted = { identity: new Map<string, string[]>(), address: new Map<string, string[]>() };
    for (const p of svc.participants.values()) {
      for (const [kind, key] of keysOf(p)) {
        let list = unsorted[kind].get(key);
        if (!list) unsorted[kind].set(key, (list = []));
        list.push(p.conversationSid);
        this.index(kind, key, p);
      }
    }
    for (const kind of ['identity', 'address'] as const) for (const [key, list] of unsorted[kind]) this.sids[kind].set(key, SortedKeys.of(list));
    svc.onEvent((e) => {
      if (e.type === 'participantAdded') this.add(e.participant);
      else if (e.type === 'participantRemoved') this.remove(e.participant);
      else if (e.type === 'conversationRemoved') this.forgetConversation(e.conversation.sid);
    });
  }

  private static readonly attached = new WeakMap<ConversationsService, ParticipantLookup>();

  /** The lookup of a service, made on first use from its records and kept current from then on. */
  static of(svc: ConversationsService): ParticipantLookup {
    let lookup = ParticipantLookup.attached.get(svc);
    if (!lookup) {
      lookup = new ParticipantLookup(svc);
      ParticipantLookup.attached.set(svc, lookup);
    }
    return lookup;
  }

  /** Sids of the conversations `key` takes part in, in sid order (live array: read only). */
  conversationSids(kind: Kind, key: string): readonly string[] {
    return this.sids[kind].get(key)?.all ?? [];
  }

  /** The participant `key` is in conversation `conversationSid`, if any. */
  participant(kind: Kind, key: string, conversationSid: string): ParticipantRecord | undefined {
    const sid = this.participantOf.get(entry(kind, key, conversationSid));
    return sid === undefined ? undefined : this.svc.participants.get(sid);
  }

  private add(p: ParticipantRecord): void {
    for (const [kind, key] of keysOf(p)) {
      let list = this.sids[kind].get(key);
      if (!list) this.sids[kind].set(key, (list = new SortedKeys()));
      list.add(p.conversationSid);
      this.index(kind, key, p);
    }
  }

  /** Which participant is `key`'s in the conversation, and where to find it again to forget it. */
  private index(kind: Kind, key: string, p: ParticipantRecord): void {
    this.participantOf.set(entry(kind, key, p.conversationSid), p.sid);
    let entries = this.entriesOf.get(p.conversationSid);
    if (!entries) this.entriesOf.set(p.conversationSid, (entries = new Set()));
    entries.add(`${kind}|${key}`);
  }

  private remove(p: ParticipantRecord): void {
    for (const [kind, key] of keysOf(p)) {
      const id = entry(kind, key, p.conversationSid);
      // A participant re-added since carries another sid: leave that one in place.
      if (this.participantOf.get(id) !== p.sid) continue;
      this.drop(kind, key, p.conversationSid);
      this.entriesOf.get(p.conversationSid)?.delete(`${kind}|${key}`);
    }
  }

  private forgetConversation(conversationSid: string): void {
    for (const e of this.entriesOf.get(conversationSid) ?? []) {
      const bar = e.indexOf('|');
      this.drop(e.slice(0, bar) as Kind, e.slice(bar + 1), conversationSid);
    }
    this.entriesOf.delete(conversationSid);
  }

  private drop(kind: Kind, key: string, conversationSid: string): void {
    this.participantOf.delete(entry(kind, key, conversationSid));
    const list = this.sids[kind].get(key);
    list?.delete(conversationSid);
    if (list?.size === 0) this.sids[kind].delete(key);
  }
}

const entry = (kind: Kind, key: string, conversationSid: string): string => `${kind}|${key}|${conversationSid}`;

function keysOf(p: ParticipantRecord): Array<[Kind, string]> {
  const out: Array<[Kind, string]> = [];
  if (p.identity !== null) out.push(['identity', p.identity]);
  if (p.address !== null) out.push(['address', p.address]);
  return out;
}
