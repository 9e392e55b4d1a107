/**
 * Twilio fires webhooks for changes made through the REST API only when the request carries
 * `X-Twilio-Webhook-Enabled: true`. Domain events do not know which request caused them, but the
 * service emits synchronously inside the handler's call, so the REST layer brackets its service
 * calls with `run()` and the dispatcher asks `apiWebhooksEnabled` while the event is emitted.
 */
export class ApiWebhookGate {
  private enabled = true;

  get apiWebhooksEnabled(): boolean {
    return this.enabled;
  }

  run<T>(enabled: boolean, fn: () => T): T {
    const previous = this.enabled;
    this.enabled = enabled;
    try {
      return fn();
    } finally {
      this.enabled = previous;
    }
  }
}
