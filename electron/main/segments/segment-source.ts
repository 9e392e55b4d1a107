import type { Recipient, SegmentSummary } from '../../../shared/ipc/segment-schema';

/**
 * What a campaign needs from segments, in main: the saved segments, and one segment's recipients
 * resolved now (deduplicated by address, opted-out customers left out).
 */
export interface SegmentSource {
  list(): Promise<SegmentSummary[]>;
  /** Null when no such segment (deleted). */
  recipients(segmentId: string): Promise<Recipient[] | null>;
}

export const NO_SEGMENTS: SegmentSource = {
  list: () => Promise.resolve([]),
  recipients: () => Promise.resolve(null),
};
