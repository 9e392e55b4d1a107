/**
 * The emulator's last webhook deliveries, for `GET /emulator/webhooks` (not Twilio's API: Twilio
 * shows its own in the Console's debugger). A bounded ring: a workspace left running for weeks
 * keeps the latest 50 and nothing else, and nothing of it is stored (a restart starts empty).
 */
export const DELIVERY_LOG_LIMIT = 50;

export interface WebhookDelivery {
  /** The job's idempotency token (`I-Twilio-Idempotency-Token`), stable across its retries. */
  id: string;
  eventType: string;
  url: string;
  method: 'POST' | 'GET';
  /** `pending` until the first answer, `retrying` between attempts, then `delivered` or `failed`. */
  state: 'pending' | 'retrying' | 'delivered' | 'failed';
  /** The last answer's HTTP status; null when there was none (refused, timed out, unreachable). */
  status: number | null;
  /** Why the last attempt failed, when it did. */
  error: string | null;
  attempts: number;
  /** When the event happened (the emulator's clock) and when its last attempt ended. */
  dateCreated: string;
  dateUpdated: string;
}

export class WebhookDeliveryLog {
  /** Oldest first; a Map keeps insertion order and updates in place by id. */
  private readonly entries = new Map<string, WebhookDelivery>();

  constructor(private readonly limit = DELIVERY_LOG_LIMIT) {}

  add(entry: WebhookDelivery): void {
    this.entries.set(entry.id, { ...entry });
    while (this.entries.size > this.limit) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  /** A delivery that already left the ring stays gone: its late answer is not news any more. */
  update(id: string, change: Partial<Omit<WebhookDelivery, 'id'>>): void {
    const entry = this.entries.get(id);
    if (entry) this.entries.set(id, { ...entry, ...change });
  }

  /** Newest first, as copies. */
  list(): WebhookDelivery[] {
    return [...this.entries.values()].reverse().map((e) => ({ ...e }));
  }

  clear(): void {
    this.entries.clear();
  }
}
