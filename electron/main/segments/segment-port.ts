import type { CsvReport, SegmentFilter, SegmentPreview, SegmentSummary, SegmentUpdateFilter } from '../../../shared/ipc/segment-schema';
import { DeskError } from '../errors';

/** The segments tool's calls, for the active profile. */
export interface SegmentPort {
  list(): Promise<SegmentSummary[]>;
  /** The live count and preview of a filter being edited; `refresh` waits for a new read of Twilio. */
  preview(filter: SegmentFilter, refresh?: boolean): Promise<SegmentPreview>;
  saveFilter(request: { name: string; filter: SegmentFilter }): Promise<SegmentSummary[]>;
  /** The per-row report of a CSV; nothing is saved. */
  checkCsv(text: string): Promise<CsvReport>;
  /** Saves the CSV's valid rows as a segment (checked again, so the file saved is the file reported). */
  saveCsv(request: { name: string; text: string }): Promise<SegmentSummary[]>;
  rename(request: { id: string; name: string }): Promise<SegmentSummary[]>;
  /** A filter segment's new conditions and name, same id (a CSV segment's rows are not edited). */
  updateFilter(request: SegmentUpdateFilter): Promise<SegmentSummary[]>;
  remove(id: string): Promise<SegmentSummary[]>;
}

const unavailable = (): never => {
  throw new DeskError('unavailable', 'Segments are not available yet.');
};

export const inertSegments: SegmentPort = {
  list: async () => [],
  preview: async () => unavailable(),
  saveFilter: async () => unavailable(),
  checkCsv: async () => unavailable(),
  saveCsv: async () => unavailable(),
  rename: async () => unavailable(),
  updateFilter: async () => unavailable(),
  remove: async () => unavailable(),
};
