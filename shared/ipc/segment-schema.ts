/**
 * Segments (issue 12): saved audiences over the team's customers, or an imported CSV. This file
 * holds what campaigns need from a segment; the segments tool adds its own schemas here.
 * No electron, node: or DOM imports here.
 */
import { z } from 'zod';
import { customerAddressSchema } from './customer-schema';

/** One person a campaign will message. Opted-out customers are never recipients. */
export const recipientSchema = z.object({
  /** SMS number (E.164) or WhatsApp address (`whatsapp:` + E.164). */
  address: customerAddressSchema,
  /** Display name ('' when unknown). */
  name: z.string().max(200),
  /**
   * Values a template variable can be filled from: the profile's name, email, company (and, for an
   * imported CSV, its other columns by header), as text.
   */
  fields: z.record(z.string().max(64), z.string().max(1024)),
});
export type Recipient = z.infer<typeof recipientSchema>;

/** A saved filter over the team's customers. Opted-out customers are excluded whatever it says. */
export const segmentFilterSchema = z.object({
  channel: z.enum(['any', 'sms', 'whatsapp']),
  /** Profile tags (customer-schema's tags); empty: any customer. */
  tags: z.array(z.string().trim().min(1).max(40)).max(20),
  /** With several tags: the customer has any of them, or all of them. */
  tagMatch: z.enum(['any', 'all']),
  /** Last contact (newest message or conversation change), epoch ms, inclusive; null: no bound. */
  lastContactAfter: z.number().nullable(),
  lastContactBefore: z.number().nullable(),
  openConversation: z.enum(['any', 'yes', 'no']),
});
export type SegmentFilter = z.infer<typeof segmentFilterSchema>;

export const EMPTY_FILTER: SegmentFilter = { channel: 'any', tags: [], tagMatch: 'any', lastContactAfter: null, lastContactBefore: null, openConversation: 'any' };

export const segmentKindSchema = z.enum(['filter', 'csv']);

/**
 * Of a segment's people, how many a campaign on each channel reaches: a filter segment's members
 * with an address on that channel (each is messaged at their latest one there); a CSV segment's
 * rows of that channel (`whatsapp:+1…` is WhatsApp, a bare number SMS).
 */
export const segmentChannelCountsSchema = z.object({
  sms: z.number().int().nonnegative(),
  whatsapp: z.number().int().nonnegative(),
});
export type SegmentChannelCounts = z.infer<typeof segmentChannelCountsSchema>;

export const segmentSummarySchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(100),
  kind: segmentKindSchema,
  /** People when last counted (opted-out excluded); a CSV segment's rows. */
  count: z.number().int().nonnegative(),
  /** Recipients per campaign channel, counted with `count`. */
  channels: segmentChannelCountsSchema,
  /** Epoch ms. */
  updatedAt: z.number(),
  /** A filter segment's conditions (for editing them); absent for a CSV segment. */
  filter: segmentFilterSchema.optional(),
});
export type SegmentSummary = z.infer<typeof segmentSummarySchema>;

// ——— The segments tool's own shapes ———

export const SEGMENT_NAME_MAX = 100;
export const MAX_SEGMENTS = 200;
/** A CSV import's limits: more rows or bytes than this is refused whole, with a message (see README, Segments). */
export const CSV_MAX_ROWS = 10_000;
export const CSV_MAX_BYTES = 2 * 1024 * 1024;
/** Preview rows sent to the window (the count is always exact). */
export const PREVIEW_MAX_ROWS = 5_000;

const segmentName = z.string().trim().min(1, 'validation.segmentNameRequired').max(SEGMENT_NAME_MAX, 'validation.segmentNameTooLong');
const segmentId = z.string().min(1).max(64);

/** One customer as the preview shows them. */
export const segmentPreviewRowSchema = z.object({
  address: z.string().max(256),
  name: z.string().max(200),
  channel: z.enum(['sms', 'whatsapp']),
  tags: z.array(z.string().max(40)).max(20),
  /** Epoch ms, 0 when unknown. */
  lastContact: z.number(),
  open: z.boolean(),
});
export type SegmentPreviewRow = z.infer<typeof segmentPreviewRowSchema>;

export const segmentPreviewSchema = z.object({
  /** Customers the filter selects, opted-out left out. */
  count: z.number().int().nonnegative(),
  /** Customers known (any filter), and how many of them opted out. */
  total: z.number().int().nonnegative(),
  optedOut: z.number().int().nonnegative(),
  rows: z.array(segmentPreviewRowSchema).max(PREVIEW_MAX_ROWS),
  /** Every tag seen on a profile, for the tag picker. */
  tags: z.array(z.string().max(40)).max(2000),
  /** Epoch ms of the read the count comes from; a newer read runs in the background when it is old. */
  refreshedAt: z.number(),
});
export type SegmentPreview = z.infer<typeof segmentPreviewSchema>;

export const csvProblemSchema = z.object({
  /** The row's line in the file (the header is row 1). */
  row: z.number().int().positive(),
  value: z.string().max(256),
  reason: z.enum(['invalid', 'duplicate', 'optedOut', 'missing']),
});
export type CsvProblem = z.infer<typeof csvProblemSchema>;

/** What an import would save, before anything is saved. */
export const csvReportSchema = z.object({
  rows: z.number().int().nonnegative(),
  valid: z.number().int().nonnegative(),
  /** The column the numbers came from, and the others kept as recipients' fields. */
  phoneColumn: z.string().max(64),
  fields: z.array(z.string().max(64)).max(100),
  problems: z.array(csvProblemSchema).max(CSV_MAX_ROWS),
});
export type CsvReport = z.infer<typeof csvReportSchema>;

export const segmentListSchema = z.object({ items: z.array(segmentSummarySchema).max(MAX_SEGMENTS) });
export const segmentPreviewRequestSchema = z.object({ filter: segmentFilterSchema, refresh: z.boolean().optional() });
export const segmentSaveFilterSchema = z.object({ name: segmentName, filter: segmentFilterSchema });
export const csvTextSchema = z.string().max(CSV_MAX_BYTES + 1024);
export const segmentCsvCheckSchema = z.object({ text: csvTextSchema });
export const segmentSaveCsvSchema = z.object({ name: segmentName, text: csvTextSchema });
export const segmentRenameSchema = z.object({ id: segmentId, name: segmentName });
/** A saved filter segment's new conditions (and name), kept under the same id. */
export const segmentUpdateFilterSchema = z.object({ id: segmentId, name: segmentName, filter: segmentFilterSchema });
export type SegmentUpdateFilter = z.infer<typeof segmentUpdateFilterSchema>;
export const segmentIdRequestSchema = z.object({ id: segmentId });
export type SegmentSaveFilter = z.infer<typeof segmentSaveFilterSchema>;
