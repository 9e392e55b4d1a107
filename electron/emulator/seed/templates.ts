import type { ContentStore, NewApproval, NewContent } from '../content/store';

interface SeedTemplate {
  content: NewContent;
  /** The WhatsApp approval request; a name starting with "reject" is rejected by the emulator. */
  approval: NewApproval | null;
}

/**
 * The Local workspace's content templates: something for the desk's template picker, with
 * variables and buttons, approved for WhatsApp, plus one WhatsApp rejected and one never submitted.
 */
export const DEMO_TEMPLATES: readonly SeedTemplate[] = [
  {
    content: {
      friendly_name: 'order_update',
      language: 'en',
      variables: { '1': 'Ana', '2': 'A-1042' },
      types: {
        'twilio/text': { body: 'Hi {{1}}, your order {{2}} has shipped. Reply TRACK for tracking or AGENT to talk to us.' },
        'twilio/quick-reply': {
          body: 'Hi {{1}}, your order {{2}} has shipped and is on its way.',
          actions: [
            { id: 'track_order', title: 'Track my order' },
            { id: 'talk_to_agent', title: 'Talk to an agent' },
          ],
        },
      },
    },
    approval: { name: 'order_update', category: 'UTILITY' },
  },
  {
    content: {
      friendly_name: 'we_are_back',
      language: 'en',
      variables: { '1': 'there' },
      types: {
        'twilio/text': { body: "Hi {{1}}, we're back online and happy to help. Reply to this message to pick up where we left off." },
      },
    },
    approval: { name: 'we_are_back', category: 'UTILITY' },
  },
  {
    content: {
      friendly_name: 'callback_offer',
      language: 'en',
      variables: { '1': 'Ana', '2': '1042' },
      types: {
        'twilio/text': { body: 'Hi {{1}}, about case {{2}}: call us on +1 500 555 0006 or visit help.example.com.' },
        'twilio/call-to-action': {
          body: 'Hi {{1}}, about case {{2}}: we are ready when you are.',
          actions: [
            { type: 'PHONE_NUMBER', title: 'Call support', phone: '+15005550006' },
            { type: 'URL', title: 'Open help center', url: 'https://help.example.com/cases/{{2}}' },
          ],
        },
      },
    },
    approval: { name: 'callback_offer', category: 'UTILITY' },
  },
  {
    content: {
      friendly_name: 'holiday_promo',
      language: 'en',
      variables: { '1': 'friend' },
      types: { 'twilio/text': { body: 'Hi {{1}}, 20% off everything this weekend only!' } },
    },
    approval: { name: 'reject_holiday_promo', category: 'MARKETING' },
  },
  {
    content: {
      friendly_name: 'survey_draft',
      language: 'en',
      types: { 'twilio/text': { body: 'How did we do today? Reply 1 to 5.' } },
    },
    approval: null,
  },
];

export function seedTemplates(content: ContentStore): number {
  for (const t of DEMO_TEMPLATES) {
    const record = content.create(t.content);
    if (t.approval) content.requestWhatsAppApproval(record.sid, t.approval);
  }
  return DEMO_TEMPLATES.length;
}
