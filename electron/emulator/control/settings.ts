import { checkIdentity } from '../conversations/validate';
import type { Collection, Db } from '../store/db';

/** Emulator-only knobs that real Twilio keeps in its console, persisted with the rest of the state. */
export interface EmulatorSettingsRecord {
  /** Chat identities added to every conversation an inbound SMS/WhatsApp autocreates. */
  autoJoinIdentities: string[];
}

const KEY = 'settings';

export class EmulatorSettings {
  private readonly records: Collection<EmulatorSettingsRecord>;

  constructor(db: Db) {
    this.records = db.collection('emulatorSettings');
  }

  get(): EmulatorSettingsRecord {
    const stored = this.records.get(KEY);
    return { autoJoinIdentities: [...(stored?.autoJoinIdentities ?? [])] };
  }

  setAutoJoinIdentities(identities: readonly string[]): EmulatorSettingsRecord {
    // Order is kept (it is the order agents are added in); blanks and repeats are dropped.
    // Each is checked now: a bad one found while an inbound message is delivered would refuse it
    // after its conversation was created.
    const clean = [...new Set(identities.map((x) => x.trim()).filter(Boolean).map(checkIdentity))];
    this.records.put(KEY, { ...this.get(), autoJoinIdentities: clean });
    return this.get();
  }
}
