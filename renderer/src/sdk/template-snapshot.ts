/**
 * The SDK's ContentTemplate / ContentData → plain data the picker, its preview and the thread
 * show. Only this file knows the SDK's content shapes (see the SDK's content-template.ts).
 */
import type { ContentData, ContentDataAction, ContentTemplate } from '@twilio/conversations';

export interface ContentAction {
  type: 'url' | 'phone' | 'reply' | 'other';
  title: string;
  /** The URL or phone number a call-to-action opens. */
  target: string | null;
}

/** What the customer's phone shows: text (with `{{1}}` placeholders in a template), buttons, media. */
export interface ContentView {
  kind: ContentData['type'];
  body: string | null;
  /** Quick-reply buttons (and list-picker items): what the customer taps to answer. */
  replies: string[];
  /** Call-to-action buttons: a link or a phone number. */
  actions: ContentAction[];
  media: string[];
}

export interface TemplateSnapshot extends ContentView {
  sid: string;
  name: string;
  /** The template's variables in order, with the sample value the template was made with. */
  variables: Array<{ name: string; sample: string }>;
}

/** WhatsApp shows the richest variant a template has; plain text is the fallback of them all. */
const PREFERRED = ['twilio/quick-reply', 'twilio/call-to-action', 'twilio/card', 'twilio/list-picker', 'twilio/media', 'twilio/location', 'twilio/text'];

const action = (a: ContentDataAction): ContentAction =>
  a.type === 'url'
    ? { type: 'url', title: a.title, target: a.url }
    : a.type === 'phone'
      ? { type: 'phone', title: a.title, target: a.phone }
      : a.type === 'reply'
        ? { type: 'reply', title: a.title, target: null }
        : { type: 'other', title: titleOf(a.rawData), target: null };

function titleOf(raw: string): string {
  try {
    const parsed = JSON.parse(raw) as { title?: unknown };
    return typeof parsed.title === 'string' ? parsed.title : '';
  } catch {
    return '';
  }
}

export function contentView(data: ContentData): ContentView {
  const base: ContentView = { kind: data.type, body: null, replies: [], actions: [], media: [] };
  switch (data.type) {
    case 'text':
      return { ...base, body: data.body };
    case 'media':
      return { ...base, body: data.body ?? null, media: [...data.media] };
    case 'location':
      return { ...base, body: data.label ?? `${data.latitude}, ${data.longitude}` };
    case 'quickReply':
      return { ...base, body: data.body, replies: data.replies.map((r) => r.title) };
    case 'callToAction':
      return { ...base, body: data.body, actions: data.actions.map(action) };
    case 'listPicker':
      return { ...base, body: data.body, replies: data.items.map((i) => i.item) };
    case 'card':
      return { ...base, body: [data.title, data.subtitle].filter(Boolean).join('\n'), media: [...data.media], actions: data.actions.map(action) };
    default:
      return base;
  }
}

export function templateSnapshot(t: ContentTemplate): TemplateSnapshot {
  const key = PREFERRED.find((k) => t.variants.has(k)) ?? [...t.variants.keys()][0];
  const data = key ? t.variants.get(key) : undefined;
  const view = data ? contentView(data) : { kind: 'other' as const, body: null, replies: [], actions: [], media: [] };
  return { ...view, sid: t.sid, name: t.friendlyName, variables: t.variables.map((v) => ({ name: v.name, sample: v.value })) };
}
