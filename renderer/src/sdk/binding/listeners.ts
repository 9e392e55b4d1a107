/** Client listeners that are all removed at teardown, and each on its own before that. */
import type { Client } from '@twilio/conversations';

type Handler = (...args: never[]) => void;

export interface ClientListeners {
  /** Adds a listener; the returned function removes it (teardown removes whatever is left). */
  on(event: Parameters<Client['on']>[0], handler: Handler): () => void;
  removeAll(): void;
}

export function clientListeners(client: Client): ClientListeners {
  const active = new Set<() => void>();
  return {
    on(event, handler) {
      client.on(event as never, handler as never);
      const off = () => {
        if (active.delete(off)) client.removeListener(event as never, handler as never);
      };
      active.add(off);
      return off;
    },
    removeAll() {
      [...active].forEach((off) => off());
    },
  };
}
