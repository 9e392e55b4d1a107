import type { EmulatorClock } from '../clock';
import { parseAddress } from '../conversations/service';
import { checkIdentity } from '../conversations/validate';
import { DEMO_SMS_NUMBER, DEMO_WHATSAPP_NUMBER } from '../seed/demo';
import type { Collection, Db } from '../store/db';
import { badRequest } from '../util/errors';
import { PhoneNumbers, type PhoneNumberRecord } from './phone-numbers';

/** Emulator-only knobs that real Twilio keeps in its console, persisted with the rest of the state. */
export interface EmulatorSettingsRecord {
  /** Chat identities added to every conversation an inbound SMS/WhatsApp autocreates. */
  autoJoinIdentities: string[];
  /**
   * The account's SMS numbers (E.164), listed by the classic API's IncomingPhoneNumbers.
   * Absent in state saved before numbers were settings: the demo business number.
   */
  smsNumbers?: string[];
  /** The account's WhatsApp senders (`whatsapp:+…`); absent: the WhatsApp sandbox sender. */
  whatsappSenders?: string[];
}

export type EmulatorSettingsView = Required<EmulatorSettingsRecord>;

const KEY = 'settings';
/** Twilio's magic valid "From" number and its WhatsApp sandbox sender, which every workspace uses. */
const DEFAULT_SMS_NUMBERS = [DEMO_SMS_NUMBER];
const DEFAULT_WHATSAPP_SENDERS = [DEMO_WHATSAPP_NUMBER];

export class EmulatorSettings {
  private readonly records: Collection<EmulatorSettingsRecord>;
  readonly phoneNumbers: PhoneNumbers;

  constructor(db: Db, clock: Pick<EmulatorClock, 'nowIso'> = { nowIso: () => new Date().toISOString() }) {
    this.records = db.collection('emulatorSettings');
    this.phoneNumbers = new PhoneNumbers(db, clock);
    this.phoneNumbers.sync(this.get().smsNumbers);
  }

  get(): EmulatorSettingsView {
    const stored = this.records.get(KEY);
    return {
      autoJoinIdentities: [...(stored?.autoJoinIdentities ?? [])],
      smsNumbers: [...(stored?.smsNumbers ?? DEFAULT_SMS_NUMBERS)],
      whatsappSenders: [...(stored?.whatsappSenders ?? DEFAULT_WHATSAPP_SENDERS)],
    };
  }

  setAutoJoinIdentities(identities: readonly string[]): EmulatorSettingsView {
    return this.update({ autoJoinIdentities: identities });
  }

  /**
   * Changes some settings. Every given list is checked before anything is stored, so a bad entry
   * in one leaves all of them as they were.
   */
  update(patch: { autoJoinIdentities?: readonly string[]; smsNumbers?: readonly string[]; whatsappSenders?: readonly string[] }): EmulatorSettingsView {
    // Order is kept (it is the order agents are added in); blanks and repeats are dropped. Each
    // identity is checked now: a bad one found while an inbound message is delivered would refuse
    // it after its conversation was created.
    const identities = patch.autoJoinIdentities && [...new Set(patch.autoJoinIdentities.map((x) => x.trim()).filter(Boolean).map(checkIdentity))];
    const sms = patch.smsNumbers && cleanAddresses(patch.smsNumbers, 'sms');
    const whatsapp = patch.whatsappSenders && cleanAddresses(patch.whatsappSenders, 'whatsapp');
    const current = this.get();
    this.records.put(KEY, {
      autoJoinIdentities: identities ?? current.autoJoinIdentities,
      smsNumbers: sms ?? current.smsNumbers,
      whatsappSenders: whatsapp ?? current.whatsappSenders,
    });
    if (sms) this.phoneNumbers.sync(sms);
    return this.get();
  }

  /** The account's SMS numbers as IncomingPhoneNumber records, for the classic REST API. */
  incomingPhoneNumbers(): PhoneNumberRecord[] {
    return this.phoneNumbers.list();
  }
}

function cleanAddresses(raw: readonly string[], channel: 'sms' | 'whatsapp'): string[] {
  const out: string[] = [];
  for (const item of raw.map((x) => x.trim()).filter(Boolean)) {
    const bare = item.replace(/^whatsapp:/i, '');
    let address: string;
    try {
      address = parseAddress(channel === 'whatsapp' ? `whatsapp:${bare}` : bare).address;
    } catch {
      throw badRequest(`${JSON.stringify(item.slice(0, 40))} is not an E.164 number: use +<country><number>, e.g. +14155550123`);
    }
    if (channel === 'sms' && /^whatsapp:/i.test(item)) throw badRequest(`${item} is a WhatsApp address: list it under WhatsappSenders`);
    if (!out.includes(address)) out.push(address);
  }
  return out;
}
