import type { CustomerChannel } from '../../../shared/ipc/customer-schema';
import type { Recipient, SegmentSummary } from '../../../shared/ipc/segment-schema';

/**
 * What a campaign needs from segments, in main: the saved segments, and one segment's recipients
 * on the campaign's channel resolved now (deduplicated by address, opted-out customers left out).
 */
export interface SegmentSource {
  /** `counted`: wait for a first read of the customers when none was made yet, so `channels` are current. */
  list(counted?: boolean): Promise<SegmentSummary[]>;
  /**
   * The recipients a campaign on `channel` reaches: a filter segment's members each at their most
   * recently active address on that channel (members without one left out); a CSV segment's rows
   * of that channel. Null when no such segment (deleted).
   */
  recipients(segmentId: string, channel: CustomerChannel): Promise<Recipient[] | null>;
}

export const NO_SEGMENTS: SegmentSource = {
  list: () => Promise.resolve([]),
  recipients: () => Promise.resolve(null),
};
