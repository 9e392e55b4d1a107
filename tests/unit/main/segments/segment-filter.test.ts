import { describe, expect, it } from 'vitest';
import { buildDirectory, type Contact } from '../../../../electron/main/segments/customer-directory';
import { matches, recipientOf } from '../../../../electron/main/segments/segment-filter';
import type { OptEvent } from '../../../../electron/main/segments/opt-outs';
import { EMPTY_FILTER, type SegmentFilter } from '../../../../shared/ipc/segment-schema';
import type { StoredProfile } from '../../../../shared/ipc/customer-schema';

const DAY = 86_400_000;
const profile = (addresses: string[], fields: Partial<StoredProfile>): StoredProfile => ({
  v: 1, name: '', email: '', company: '', tags: [], notes: '', addresses, updatedAt: '2026-01-01T00:00:00Z', updatedBy: null, ...fields,
});
const contact = (address: string, name: string, p: StoredProfile | null = null): Contact => ({
  address, channel: address.startsWith('whatsapp:') ? 'whatsapp' : 'sms', name, profile: p,
});
const conv = (contacts: Contact[], state: string, day: number, events: OptEvent[] = []) => ({ contacts, state, dateUpdated: day * DAY, lastMessageAt: 0, events });

// Ana has SMS and WhatsApp linked (VIP); Ben SMS only (closed, wholesale); Cy WhatsApp (vip, opted out on SMS? no: on WhatsApp); Dee SMS.
const anaProfile = profile(['+34612345678', 'whatsapp:+34612345678'], { name: 'Ana Ruiz', email: 'ana@example.com', company: 'Acme', tags: ['VIP'] });
const directory = buildDirectory(
  [
    conv([contact('+34612345678', 'Ana', anaProfile)], 'closed', 1),
    conv([contact('whatsapp:+34612345678', 'Ana', anaProfile)], 'active', 5),
    conv([contact('+12125550187', 'Ben', profile(['+12125550187'], { name: 'Ben', tags: ['wholesale'] }))], 'closed', 2),
    conv([contact('whatsapp:+4915123456789', 'Cy', profile(['whatsapp:+4915123456789'], { name: 'Cy', tags: ['vip', 'wholesale'] }))], 'active', 4, [
      { address: 'whatsapp:+4915123456789', optedOut: true, at: 4 * DAY, index: 3 },
    ]),
    conv([contact('+13125550119', 'Dee')], 'inactive', 3),
  ],
  10 * DAY,
);
const run = (filter: Partial<SegmentFilter>) => matches(directory.customers, { ...EMPTY_FILTER, ...filter }).map((m) => m.address);

describe('segment filters', () => {
  it('groups linked addresses into one person with the newest profile, and leaves opted-out people out', () => {
    expect(directory.customers).toHaveLength(4);
    expect(directory.optedOut).toEqual(new Set(['whatsapp:+4915123456789']));
    expect(run({})).toEqual(['whatsapp:+34612345678', '+13125550119', '+12125550187']);
  });

  it('picks the address on the filter channel', () => {
    expect(run({ channel: 'sms' })).toEqual(['+34612345678', '+13125550119', '+12125550187']);
    expect(run({ channel: 'whatsapp' })).toEqual(['whatsapp:+34612345678']);
  });

  it('matches tags (any or all, any case), last contact bounds and open conversations', () => {
    expect(run({ tags: ['vip'] })).toEqual(['whatsapp:+34612345678']);
    expect(run({ tags: ['vip', 'wholesale'] })).toEqual(['whatsapp:+34612345678', '+12125550187']);
    expect(run({ tags: ['vip', 'wholesale'], tagMatch: 'all' })).toEqual([]);
    expect(run({ lastContactAfter: 3 * DAY })).toEqual(['whatsapp:+34612345678', '+13125550119']);
    expect(run({ lastContactBefore: 3 * DAY })).toEqual(['+13125550119', '+12125550187']);
    expect(run({ openConversation: 'yes' })).toEqual(['whatsapp:+34612345678', '+13125550119']);
    expect(run({ openConversation: 'no' })).toEqual(['+12125550187']);
  });

  it('gives campaigns the profile fields for template variables', () => {
    const [ana] = matches(directory.customers, { ...EMPTY_FILTER, channel: 'sms', tags: ['vip'] });
    expect(recipientOf(ana!)).toEqual({ address: '+34612345678', name: 'Ana Ruiz', fields: { name: 'Ana Ruiz', email: 'ana@example.com', company: 'Acme' } });
  });
});
