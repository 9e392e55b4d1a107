/**
 * The composer's part of the IPC contract: the account's templates' WhatsApp approval, which the
 * SDK's template list does not carry. Main reads it over REST (Content API's ContentAndApprovals)
 * so the template picker can say, before sending, that WhatsApp will refuse a template outside
 * the 24-hour window.
 */
import { z } from 'zod';

export const templateApprovalSchema = z.object({
  sid: z.string().regex(/^HX[0-9a-f]{32}$/),
  /**
   * WhatsApp's status for the template as Twilio reports it (`approved`, `pending`, `received`,
   * `rejected`, `paused`, `disabled`, …), or `unsubmitted` when it was never submitted.
   */
  whatsapp: z.string().max(40),
  /** WhatsApp's reason for a rejection, when it gave one. */
  rejectionReason: z.string().max(2000).nullable(),
});
export type TemplateApproval = z.infer<typeof templateApprovalSchema>;

export const templateApprovalsSchema = z.object({ items: z.array(templateApprovalSchema).max(10_000) });
export type TemplateApprovals = z.infer<typeof templateApprovalsSchema>;
