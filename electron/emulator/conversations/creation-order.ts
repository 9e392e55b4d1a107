import type { ConversationRecord } from './records';
import type { ConversationsService } from './service';
import { SortedKeys } from './sorted-keys';

/** The conversation list's order key: creation time, then sid, so equal timestamps still page deterministically. */
export const creationKey = (c: { dateCreated: string; sid: string }): string => `${c.dateCreated}|${c.sid}`;

/**
 * The service's conversations in creation order, kept sorted as they come and go, so
 * `GET /Conversations` (a team queue pages through all of a service's conversations, 100,000 of
 * them in the bench) does not sort everything on every page. A conversation's creation time never
 * changes, so only additions and removals move the order. Fed by the service's events (one
 * subscription, for the life of the service).
 */
export class CreationOrder {
  private readonly keys: SortedKeys;

  private constructor(private readonly svc: ConversationsService) {
    this.keys = SortedKeys.of([...svc.conversations.values()].map(creationKey));
    svc.onEvent((e) => {
      if (e.type === 'conversationAdded') this.keys.add(creationKey(e.conversation));
      else if (e.type === 'conversationRemoved') this.keys.delete(creationKey(e.conversation));
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

  /** Every conversation, oldest first, as its current record. */
  records(): ConversationRecord[] {
    const out: ConversationRecord[] = [];
    for (const key of this.keys.all) {
      const c = this.svc.conversations.get(key.slice(key.lastIndexOf('|') + 1));
      if (c) out.push(c);
    }
    return out;
  }
}

/** The service's conversations oldest first (by creation, then sid), without sorting them. */
export const conversationsInCreationOrder = (svc: ConversationsService): ConversationRecord[] => CreationOrder.of(svc).records();
