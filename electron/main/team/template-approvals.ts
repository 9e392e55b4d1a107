/**
 * The account's templates' WhatsApp approval, from the Content API's ContentAndApprovals list
 * (`GET content.twilio.com/v1/ContentAndApprovals`, via twilio's helper), for the template picker:
 * the SDK's own template list carries no approval. A template never submitted has no approval
 * request: `unsubmitted`.
 */
import type { TemplateApproval } from '../../../shared/ipc/content-schema';
import type { RestClient } from '../rest/rest-client';

const HX = /^HX[0-9a-f]{32}$/;
/** More than a picker can show; Twilio pages the list, twilio's helper follows the pages. */
const MAX_TEMPLATES = 2_000;

export async function readApprovals(rest: RestClient): Promise<TemplateApproval[]> {
  const list = await rest.withPriority('interactive', () => rest.twilio.content.v1.contentAndApprovals.list({ pageSize: 500, limit: MAX_TEMPLATES }));
  return list
    .filter((c) => HX.test(c.sid))
    .map((c) => {
      const approval = (c.approvalRequests ?? {}) as { status?: unknown; rejection_reason?: unknown };
      const status = typeof approval.status === 'string' && approval.status !== '' ? approval.status.toLowerCase().slice(0, 40) : 'unsubmitted';
      const reason = typeof approval.rejection_reason === 'string' && approval.rejection_reason !== '' ? approval.rejection_reason.slice(0, 2000) : null;
      return { sid: c.sid, whatsapp: status, rejectionReason: reason };
    });
}
