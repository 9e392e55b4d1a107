/**
 * A filter segment's members, computed in memory over the customer directory (so the count follows
 * every edit of the filter at once). A person with any opted-out address is left out whatever the
 * filter says: someone who texted STOP on one number is not messaged on another.
 *
 * The preview shows each member at their most recently active address on the filter's channel (any
 * channel for 'any'); a campaign instead reaches each member on ITS channel (`onChannel`), so a
 * person whose latest message came over WhatsApp is still in an SMS campaign by their SMS number.
 */
import type { CustomerChannel } from '../../../shared/ipc/customer-schema';
import type { Recipient, SegmentFilter, SegmentPreviewRow } from '../../../shared/ipc/segment-schema';
import type { Customer } from './customer-directory';

export interface Match {
  customer: Customer;
  address: string;
  channel: CustomerChannel;
}

const channelOf = (address: string): CustomerChannel => (address.startsWith('whatsapp:') ? 'whatsapp' : 'sms');
const lower = (s: string) => s.toLocaleLowerCase();

/** `addresses` are most recently active first, so the first one on a channel is its latest. */
const latestOn = (customer: Customer, channel: SegmentFilter['channel']): string | undefined =>
  customer.addresses.find((a) => channel === 'any' || channelOf(a) === channel);

export function matches(customers: readonly Customer[], filter: SegmentFilter): Match[] {
  const wanted = filter.tags.map(lower);
  const out: Match[] = [];
  for (const customer of customers) {
    if (customer.optedOut) continue;
    const address = latestOn(customer, filter.channel);
    if (!address) continue;
    if (wanted.length > 0) {
      const has = new Set(customer.tags.map(lower));
      const ok = filter.tagMatch === 'all' ? wanted.every((t) => has.has(t)) : wanted.some((t) => has.has(t));
      if (!ok) continue;
    }
    if (filter.lastContactAfter !== null && customer.lastContact < filter.lastContactAfter) continue;
    if (filter.lastContactBefore !== null && customer.lastContact > filter.lastContactBefore) continue;
    if (filter.openConversation === 'yes' && !customer.open) continue;
    if (filter.openConversation === 'no' && customer.open) continue;
    out.push({ customer, address, channel: channelOf(address) });
  }
  return out;
}

/** The filter's members reached on `channel`: each at their latest address there; members without one left out. */
export const onChannel = (found: readonly Match[], channel: CustomerChannel): Match[] =>
  found.flatMap(({ customer }) => {
    const address = latestOn(customer, channel);
    return address ? [{ customer, address, channel }] : [];
  });

/** How many of the filter's members have an address on each channel. */
export const channelCounts = (found: readonly Match[]): Record<CustomerChannel, number> => ({
  sms: found.filter((m) => m.customer.channels.has('sms')).length,
  whatsapp: found.filter((m) => m.customer.channels.has('whatsapp')).length,
});

export const previewRow = ({ customer, address, channel }: Match): SegmentPreviewRow => ({
  address,
  name: customer.name.slice(0, 200),
  channel,
  tags: customer.tags.slice(0, 20),
  lastContact: customer.lastContact,
  open: customer.open,
});

/** The profile's fields a template variable can use (empty ones left out). */
export const recipientOf = ({ customer, address }: Match): Recipient => {
  const fields: Record<string, string> = {};
  if (customer.name) fields['name'] = customer.name;
  if (customer.email) fields['email'] = customer.email;
  if (customer.company) fields['company'] = customer.company;
  return { address, name: customer.name.slice(0, 200), fields };
};
