/** Test data for the team queue. */
import type { QueueRow } from '../../../shared/ipc/team-schema';

export const sidOf = (n: number) => `CH${n.toString(16).padStart(32, '0')}`;

/** A team queue row as main serves it; `n` makes the sid, the dates and the customer's number. */
export function queueRow(n: number, patch: Partial<QueueRow> = {}): QueueRow {
  return {
    sid: sidOf(n),
    friendlyName: `Customer ${n}`,
    uniqueName: null,
    state: 'active',
    dateCreated: n,
    dateUpdated: n,
    assignee: null,
    snoozedUntil: null,
    channel: 'sms',
    customer: `+1415555${String(n).padStart(4, '0')}`,
    previous: [],
    ...patch,
  };
}
