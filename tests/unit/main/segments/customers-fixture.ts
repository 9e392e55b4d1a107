/**
 * A fixed directory of customers for segment and campaign tests: Ana has an SMS number and a
 * WhatsApp address (one profile) and wrote last on WhatsApp; Ben has SMS only; Cy WhatsApp only;
 * Dee opted out on SMS.
 */
import { buildDirectory, type Contact, type CustomerDirectory, type Directory } from '../../../../electron/main/segments/customer-directory';
import type { OptEvent } from '../../../../electron/main/segments/opt-outs';
import type { StoredProfile } from '../../../../shared/ipc/customer-schema';

const DAY = 86_400_000;
export const ANA_SMS = '+34612345678';
export const ANA_WA = 'whatsapp:+34612345678';
export const BEN = '+12125550187';
export const CY_WA = 'whatsapp:+4915123456789';
export const DEE = '+13125550119';

const profile = (addresses: string[], fields: Partial<StoredProfile>): StoredProfile => ({
  v: 1, name: '', email: '', company: '', tags: [], notes: '', addresses, updatedAt: '2026-01-01T00:00:00Z', updatedBy: null, ...fields,
});
const contact = (address: string, name: string, p: StoredProfile | null = null): Contact => ({
  address, channel: address.startsWith('whatsapp:') ? 'whatsapp' : 'sms', name, profile: p,
});
const conv = (contacts: Contact[], state: string, day: number, events: OptEvent[] = []) => ({ contacts, state, dateUpdated: day * DAY, lastMessageAt: 0, events });

const anaProfile = profile([ANA_SMS, ANA_WA], { name: 'Ana Ruiz', tags: ['vip'] });
export const customers = (): Directory =>
  buildDirectory(
    [
      conv([contact(ANA_SMS, 'Ana', anaProfile)], 'closed', 1),
      conv([contact(ANA_WA, 'Ana', anaProfile)], 'active', 5),
      conv([contact(BEN, 'Ben', profile([BEN], { name: 'Ben', tags: ['vip', 'wholesale'] }))], 'closed', 2),
      conv([contact(CY_WA, 'Cy', profile([CY_WA], { name: 'Cy', tags: ['wholesale'] }))], 'active', 4),
      conv([contact(DEE, 'Dee')], 'inactive', 3, [{ address: DEE, optedOut: true, at: 3 * DAY, index: 2 }]),
    ],
    10 * DAY,
  );

export const fixedDirectory = (read: () => Directory = customers): CustomerDirectory => {
  let d: Directory | null = null;
  return {
    refresh: async () => (d = read()),
    current: () => d,
    reset: () => {
      d = null;
    },
  };
};
