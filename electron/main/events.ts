import { eventContract, type EventChannel, type EventPayload } from '../../shared/ipc/contract';

export type Publish = <C extends EventChannel>(channel: C, payload: EventPayload<C>) => void;
export type EventListener = (channel: EventChannel, payload: unknown) => void;

/** Main → renderer events, fanned out to every transport (Electron windows, browser-test SSE). */
export interface EventHub {
  publish: Publish;
  subscribe(listener: EventListener): () => void;
}

export function createEventHub(log: (line: string) => void = () => {}): EventHub {
  const listeners = new Set<EventListener>();
  return {
    publish(channel, payload) {
      // Parsing strips any field the contract does not name, so an event cannot leak extras.
      const parsed = eventContract[channel].safeParse(payload);
      if (!parsed.success) {
        log(`events: dropped ${channel}: payload does not match the contract`);
        return;
      }
      for (const listener of listeners) {
        try {
          listener(channel, parsed.data);
        } catch (error) {
          log(`events: a ${channel} listener failed: ${(error as Error).message}`);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
