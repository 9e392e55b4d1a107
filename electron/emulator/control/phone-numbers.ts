import type { EmulatorClock } from '../clock';
import type { Collection, Db } from '../store/db';
import { newSid } from '../util/ids';

/** One of the account's phone numbers, as the classic API's IncomingPhoneNumber resource needs it. */
export interface PhoneNumberRecord {
  sid: string;
  phoneNumber: string;
  friendlyName: string;
  dateCreated: string;
  dateUpdated: string;
}

/**
 * The account's SMS numbers with the identity Twilio gives a bought number: a PN sid and its
 * purchase date, kept stable across restarts. Which numbers the account has is a setting
 * (`/emulator/settings`); a number removed from it and added again is bought again (new sid).
 */
export class PhoneNumbers {
  private readonly records: Collection<PhoneNumberRecord>;

  constructor(
    db: Db,
    private readonly clock: Pick<EmulatorClock, 'nowIso'>,
  ) {
    this.records = db.collection('incomingPhoneNumbers');
  }

  /** Makes the stored numbers exactly `numbers` (E.164), keeping the records of those already there. */
  sync(numbers: readonly string[]): void {
    const wanted = new Set(numbers);
    for (const [key, r] of [...this.records.entries()]) if (!wanted.has(r.phoneNumber)) this.records.delete(key);
    for (const phoneNumber of numbers) {
      if (this.records.has(phoneNumber)) continue;
      const t = this.clock.nowIso();
      this.records.put(phoneNumber, { sid: newSid('PN'), phoneNumber, friendlyName: defaultFriendlyName(phoneNumber), dateCreated: t, dateUpdated: t });
    }
  }

  /** In purchase order, then by number, as a stable list for paging. */
  list(): PhoneNumberRecord[] {
    return [...this.records.values()].sort((a, b) => (a.dateCreated === b.dateCreated ? (a.phoneNumber < b.phoneNumber ? -1 : 1) : a.dateCreated < b.dateCreated ? -1 : 1));
  }
}

/** Twilio names a bought North American number "(415) 555-0142"; others keep their E.164 form. */
export function defaultFriendlyName(e164: string): string {
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return nanp ? `(${nanp[1]}) ${nanp[2]}-${nanp[3]}` : e164;
}
