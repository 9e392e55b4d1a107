import type { ConversationRecord } from './records';
import type { ConversationsService } from './service';
import { lowerBound } from './sorted-keys';

/** The conversation list's order key: creation time, then sid, so equal timestamps still page deterministically. */
export const creationKey = (c: { dateCreated: string; sid: string }): string => `${c.dateCreated}|${c.sid}`;

/**
 * The service's conversations in creation order, as their current records, kept so as they come,
 * change and go. `GET /Conversations` (a team queue pages through all of a service's
 * conversations, 100,000 of them in the bench) then neither sorts nor looks up every conversation
 * on every page. A conversation's creation time never changes, so only additions and removals
 * move the order; any other event naming a conversation refreshes its record in place. Fed by
 * the service's events (one subscription, for the life of the service).
 */
export class CreationOrder {
  private readonly keys: string[] = [];
  private readonly list: ConversationRecord[] = [];

  private constructor(private readonly svc: ConversationsService) {
    const all = [...svc.conversations.values()].map((c) => ({ key: creationKey(c), c }));
    all.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (const { key, c } of all) {
      this.keys.push(key);
      this.list.push(c);
    }
    svc.onEvent((e) => {
      if (!('conversation' in e)) return;
      const key = creationKey(e.conversation);
      const at = lowerBound(this.keys, key);
      const found = this.keys[at] === key;
      if (e.type === 'conversationRemoved') {
        if (found) {
          this.keys.splice(at, 1);
          this.list.splice(at, 1);
        }
        return;
      }
      // Whatever the event carried, the stored record is the current one.
      const current = this.svc.conversations.get(e.conversation.sid);
      if (!current) return;
      if (found) this.list[at] = current;
      else {
        this.keys.splice(at, 0, key);
        this.list.splice(at, 0, current);
      }
    });
  }

  private static readonly attached = new WeakMap<ConversationsService, CreationOrder>();

  static of(svc: ConversationsService): CreationOrder {
    let order = CreationOrder.attached.get(svc);
    if (!order) {
      order = new CreationOrder(svc);
      CreationOrder.attached.set(svc, order);
    }
    return order;
  }

  /** Every conversation, oldest first (the live array: read it, never change it). */
  get records(): readonly ConversationRecord[] {
    return this.list;
  }
}

/** The service's conversations oldest first (by creation, then sid), without sorting them. */
export const conversationsInCreationOrder = (svc: ConversationsService): readonly ConversationRecord[] => CreationOrder.of(svc).records;
