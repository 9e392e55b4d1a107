import type { Outbox } from '../sdk/outbox';
import type { SdkRegistry } from '../sdk/registry';
import type { DeskStore } from '../store';

/**
 * What actions and the binding need of a session: its store, its SDK objects, its outbox and
 * whether it is still the one on screen. Passed in explicitly; nothing looks a session up in a module variable.
 */
export interface SessionScope {
  readonly store: DeskStore;
  readonly registry: SdkRegistry;
  /** False once the session ended (profile switch, restart, unload): late results land nowhere. */
  isLive(): boolean;
  /** Every send goes through it; null until the session's profile started it, and after end(). */
  outbox(): Outbox | null;
}
