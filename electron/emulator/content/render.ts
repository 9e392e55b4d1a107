import { TwilioError, badRequest } from '../util/errors';
import { CONTENT_CODES } from './codes';
import type { ContentButton, ContentRecord, MessageContent, RenderedVariant } from './records';

const MAX_VARIABLES = 100;

/** `{{1}}`, also written `{{ 1 }}` in Twilio's own examples. */
const PLACEHOLDER = /\{\{\s*([^{}\s]+)\s*\}\}/g;
const AT_EDGE = new RegExp(`^${PLACEHOLDER.source}|${PLACEHOLDER.source}$`);
const SIDE_BY_SIDE = new RegExp(`${PLACEHOLDER.source}\\s*${PLACEHOLDER.source}`);

/** The types the Conversations SDK knows (its parseVariant), richest first: what WhatsApp shows. */
const WHATSAPP_ORDER = ['twilio/quick-reply', 'twilio/call-to-action', 'twilio/list-picker', 'twilio/card', 'twilio/media', 'twilio/location', 'twilio/text'];
/** SMS shows text (or MMS media); a template without either falls back to its rich type's text. */
const SMS_ORDER = ['twilio/text', 'twilio/media', ...WHATSAPP_ORDER];

/** The type WhatsApp is sent (and reviews) for a template: its richest supported one. */
export const whatsappTypeOf = (types: Record<string, unknown>): string | undefined => WHATSAPP_ORDER.find((t) => t in types);

/**
 * `ContentVariables` as given (a JSON string of `{"1": "Ana"}`): absent means the template's
 * defaults ("If values are not defined in the content_variables parameter, the Template's
 * default placeholder values are used").
 */
export function parseContentVariables(raw: string | null | undefined): Record<string, string> {
  if (raw === undefined || raw === null || raw.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw badRequest('ContentVariables must be a JSON object, e.g. {"1":"Ana"}', CONTENT_CODES.invalidContentVariables);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw badRequest('ContentVariables must be a JSON object, e.g. {"1":"Ana"}', CONTENT_CODES.invalidContentVariables);
  }
  // "You can include up to 100 key-value pairs per request" (Send templates created with the
  // Content Template Builder).
  if (Object.keys(parsed).length > MAX_VARIABLES) throw badRequest(`ContentVariables has more than ${MAX_VARIABLES} values`, CONTENT_CODES.variableInvalid);
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value === 'number' && Number.isFinite(value)) out[key] = String(value);
    else if (typeof value === 'string' && value.trim() !== '') out[key] = value;
    else throw badRequest(`ContentVariables "${key}" must be a non-empty string`, CONTENT_CODES.variableInvalid);
  }
  return out;
}

/**
 * Why WhatsApp would reject the template's text, or null: "If the template body starts or ends
 * with a variable, or if two variables appear adjacent to each other, WhatsApp will reject the
 * template" (Twilio's twilio/quick-reply docs; the same rule is WhatsApp's for every type).
 */
export function whatsappFormatProblem(types: Record<string, unknown>): string | null {
  for (const [type, data] of Object.entries(types)) {
    const body = data && typeof data === 'object' ? (data as Record<string, unknown>).body : undefined;
    if (typeof body !== 'string') continue;
    const text = body.trim();
    if (AT_EDGE.test(text)) return `The ${type} body starts or ends with a variable`;
    if (SIDE_BY_SIDE.test(text)) return `The ${type} body has two variables next to each other`;
  }
  return null;
}

/** Every placeholder name used anywhere in the template's types. */
export function placeholdersOf(types: Record<string, unknown>): Set<string> {
  const names = new Set<string>();
  walkStrings(types, (s) => {
    for (const m of s.matchAll(PLACEHOLDER)) names.add(m[1] as string);
    return s;
  });
  return names;
}

/**
 * Renders a template for sending: given variables over the template's defaults; every
 * placeholder the template uses must end up with a value (21656 otherwise).
 */
export function renderContent(record: ContentRecord, given: Record<string, string>): MessageContent {
  const values = { ...record.variables, ...given };
  const missing = [...placeholdersOf(record.types)].filter((name) => !values[name]);
  if (missing.length) {
    throw badRequest(`ContentVariables has no value for ${missing.map((n) => `{{${n}}}`).join(', ')} and the template has no default`, CONTENT_CODES.variableInvalid);
  }
  const filled = walkStrings(record.types, (s) => s.replace(PLACEHOLDER, (_, name: string) => values[name] as string)) as Record<string, unknown>;
  const whatsappType = whatsappTypeOf(filled);
  const smsType = SMS_ORDER.find((t) => t in filled);
  if (!whatsappType || !smsType) {
    throw new TwilioError(400, CONTENT_CODES.unsupportedContentType, `Content ${record.sid} has no content type Conversations can send (${Object.keys(record.types).join(', ')})`);
  }
  const whatsapp = variant(whatsappType, filled[whatsappType]);
  const sms = variant(smsType, filled[smsType]);
  return {
    sid: record.sid,
    whatsappStatus: record.whatsapp?.status ?? null,
    whatsapp,
    // SMS has no buttons: Twilio sends their text only where the template has no twilio/text.
    sms: { ...sms, buttons: [] },
  };
}

function variant(type: string, data: unknown): RenderedVariant {
  const d = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  const text = (key: string): string => (typeof d[key] === 'string' ? (d[key] as string) : '');
  const list = (key: string): Record<string, unknown>[] => (Array.isArray(d[key]) ? (d[key] as unknown[]).filter((x): x is Record<string, unknown> => !!x && typeof x === 'object') : []);
  const media = Array.isArray(d.media) ? (d.media as unknown[]).filter((x): x is string => typeof x === 'string') : [];
  switch (type) {
    case 'twilio/quick-reply':
      return { type, body: text('body'), media, buttons: list('actions').map((a) => button({ type: 'QUICK_REPLY', ...a })) };
    case 'twilio/call-to-action':
      return { type, body: text('body'), media, buttons: list('actions').map(button) };
    case 'twilio/card':
      return { type, body: [text('title'), text('subtitle')].filter(Boolean).join('\n'), media, buttons: list('actions').map(button) };
    case 'twilio/location':
      return { type, body: text('label') || `${String(d.latitude)},${String(d.longitude)}`, media, buttons: [] };
    default:
      // twilio/text, twilio/media, twilio/list-picker: the body is the text shown.
      return { type, body: text('body'), media, buttons: [] };
  }
}

function button(a: Record<string, unknown>): ContentButton {
  const s = (key: string): string | undefined => (typeof a[key] === 'string' ? (a[key] as string) : undefined);
  const phone = s('phone') ?? s('phone_number');
  return {
    type: s('type') ?? 'QUICK_REPLY',
    title: s('title') ?? '',
    ...(s('id') !== undefined ? { id: s('id') } : {}),
    ...(s('url') !== undefined ? { url: s('url') } : {}),
    ...(phone !== undefined ? { phone } : {}),
  };
}

/** A copy of a JSON value with every string passed through `fn`. */
function walkStrings(value: unknown, fn: (s: string) => string): unknown {
  if (typeof value === 'string') return fn(value);
  if (Array.isArray(value)) return value.map((v) => walkStrings(v, fn));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walkStrings(v, fn)]));
  return value;
}
