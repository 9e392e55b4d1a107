import type { Collection, Db } from '../store/db';
import { TwilioError, badRequest } from '../util/errors';
import { SID_PATTERN, newSid } from '../util/ids';
import { whatsappFormatProblem, whatsappTypeOf } from './render';
import type { ContentRecord, WhatsAppApproval } from './records';

export const CONTENT_SID = SID_PATTERN('HX');

/** WhatsApp's template categories, as the approval request takes them. */
export const WHATSAPP_CATEGORIES = ['UTILITY', 'MARKETING', 'AUTHENTICATION'] as const;

/**
 * Names the emulator's WhatsApp review rejects, like the magic test numbers that cannot receive
 * messages: everything else is approved at once.
 */
export const REJECTED_NAME = /^reject/i;

/** Twilio: "Only lowercase alphanumeric characters or underscores". */
const APPROVAL_NAME = /^[a-z0-9_]+$/;

/** SMS/WhatsApp text limit (twilio/text: "Maximum 1,600 characters"). */
const TEXT_LIMIT = 1600;

export interface NewContent {
  friendly_name?: unknown;
  language?: unknown;
  variables?: unknown;
  types?: unknown;
}

export interface NewApproval {
  name?: unknown;
  category?: unknown;
  allow_category_change?: unknown;
}

/** A bad field of a Content API request: Twilio documents no per-field code, so the generic 20001. */
const invalid = (message: string): TwilioError => badRequest(message);

/**
 * The account's content templates (Twilio's Content API) and their WhatsApp review. Every
 * change checks all of its input before anything is stored.
 */
export class ContentStore {
  private readonly records: Collection<ContentRecord>;
  private seq = 0;

  constructor(
    db: Db,
    private readonly now: () => string,
  ) {
    this.records = db.collection('contents');
    for (const r of this.records.values()) this.seq = Math.max(this.seq, r.seq);
  }

  create(input: NewContent): ContentRecord {
    const language = input.language;
    if (typeof language !== 'string' || !language.trim()) throw invalid('language is required: a language code such as "en"');
    const friendlyName = input.friendly_name;
    if (friendlyName !== undefined && friendlyName !== null && typeof friendlyName !== 'string') throw invalid('friendly_name must be a string');
    const variables = checkVariables(input.variables);
    const types = checkTypes(input.types);
    const t = this.now();
    const record: ContentRecord = {
      sid: newSid('HX'),
      seq: ++this.seq,
      friendlyName: (friendlyName as string | null | undefined) ?? null,
      language: language.trim(),
      variables,
      types,
      whatsapp: null,
      dateCreated: t,
      dateUpdated: t,
    };
    this.records.put(record.sid, record);
    return record;
  }

  find(sid: string): ContentRecord | undefined {
    return this.records.get(sid);
  }

  get(sid: string): ContentRecord {
    const r = this.records.get(sid);
    if (!r) throw new TwilioError(404, 20404, `The requested resource /Content/${sid} was not found`);
    return r;
  }

  /** Newest first, as Twilio lists them. */
  list(): ContentRecord[] {
    return [...this.records.values()].sort((a, b) => b.seq - a.seq);
  }

  remove(sid: string): void {
    this.get(sid);
    this.records.delete(sid);
  }

  /**
   * Submits the template to the emulator's WhatsApp review, which decides at once: names starting
   * with "reject" are rejected, and so are bodies WhatsApp refuses (a variable at either end, or
   * two side by side); the rest are approved. Returns what Twilio answers the request with
   * (`status: "received"`); fetching the approval shows the decision.
   */
  requestWhatsAppApproval(sid: string, input: NewApproval): WhatsAppApproval {
    const record = this.get(sid);
    const name = input.name;
    if (typeof name !== 'string' || !APPROVAL_NAME.test(name)) throw invalid('name is required: lowercase letters, digits and underscores only');
    const category = typeof input.category === 'string' ? input.category.toUpperCase() : '';
    if (!(WHATSAPP_CATEGORIES as readonly string[]).includes(category)) throw invalid(`category must be one of ${WHATSAPP_CATEGORIES.join(', ')}`);
    const allow = input.allow_category_change;
    if (allow !== undefined && typeof allow !== 'boolean') throw invalid('allow_category_change must be a boolean');
    const reason = REJECTED_NAME.test(name) ? 'Rejected by the emulator: the template name starts with "reject"' : whatsappFormatProblem(record.types);
    const decided: WhatsAppApproval = {
      name,
      category,
      contentType: whatsappTypeOf(record.types) ?? Object.keys(record.types)[0] ?? '',
      status: reason ? 'rejected' : 'approved',
      rejectionReason: reason ?? '',
      allowCategoryChange: allow ?? true,
    };
    this.records.put(sid, { ...record, whatsapp: decided, dateUpdated: this.now() });
    return { ...decided, status: 'received', rejectionReason: '' };
  }
}

function checkVariables(raw: unknown): Record<string, string> {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw invalid('variables must be an object of default values, e.g. {"1": "Customer"}');
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v !== 'string') throw invalid(`variables "${k}" must be a string`);
    out[k] = v;
  }
  return out;
}

function checkTypes(raw: unknown): Record<string, unknown> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw) || Object.keys(raw).length === 0) {
    throw invalid('types is required: at least one content type, e.g. {"twilio/text": {"body": "Hi {{1}}"}}');
  }
  for (const [type, data] of Object.entries(raw)) {
    if (!data || typeof data !== 'object' || Array.isArray(data)) throw invalid(`types "${type}" must be an object`);
    const d = data as Record<string, unknown>;
    const body = d.body;
    const needsBody = type === 'twilio/text' || type === 'twilio/quick-reply' || type === 'twilio/call-to-action' || type === 'twilio/list-picker';
    if (needsBody && (typeof body !== 'string' || !body.trim())) throw invalid(`types "${type}" needs a body`);
    if (typeof body === 'string' && body.length > TEXT_LIMIT) throw invalid(`types "${type}" body is ${body.length} characters: the limit is ${TEXT_LIMIT}`);
    if ((type === 'twilio/quick-reply' || type === 'twilio/call-to-action') && !validActions(d.actions)) {
      throw invalid(`types "${type}" needs actions: a list of buttons, each with a title`);
    }
    if (type === 'twilio/media' && (!Array.isArray(d.media) || d.media.length === 0 || d.media.some((m) => typeof m !== 'string'))) {
      throw invalid('types "twilio/media" needs media: a list of URLs');
    }
  }
  return raw as Record<string, unknown>;
}

/** twilio/quick-reply takes 1 to 10 buttons ("An array that contains between 1 and 10 quick-reply buttons"). */
function validActions(actions: unknown): boolean {
  return (
    Array.isArray(actions) &&
    actions.length >= 1 &&
    actions.length <= 10 &&
    actions.every((a: unknown) => {
      const title = a && typeof a === 'object' ? (a as Record<string, unknown>).title : undefined;
      return typeof title === 'string' && title.trim() !== '';
    })
  );
}
