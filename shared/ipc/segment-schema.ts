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

export const segmentKindSchema = z.enum(['filter', 'csv']);

export const segmentSummarySchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(100),
  kind: segmentKindSchema,
  /** Recipients when last counted (opted-out excluded). */
  count: z.number().int().nonnegative(),
  /** Epoch ms. */
  updatedAt: z.number(),
});
export type SegmentSummary = z.infer<typeof segmentSummarySchema>;
