import { describe, expect, it } from 'vitest';
import type { ContentRecord } from '../../../electron/emulator/content/records';
import { parseContentVariables, placeholdersOf, renderContent, whatsappFormatProblem } from '../../../electron/emulator/content/render';
import { ContentStore } from '../../../electron/emulator/content/store';
import { Db } from '../../../electron/emulator/store/db';
import { TwilioError } from '../../../electron/emulator/util/errors';

const record = (types: Record<string, unknown>, variables: Record<string, string> = {}): ContentRecord => ({
  sid: 'HX' + 'a'.repeat(32),
  seq: 1,
  friendlyName: 't',
  language: 'en',
  variables,
  types,
  whatsapp: null,
  dateCreated: '2026-01-01T00:00:00.000Z',
  dateUpdated: '2026-01-01T00:00:00.000Z',
});

const codeOf = (fn: () => unknown): number | null => {
  try {
    fn();
    return null;
  } catch (err) {
    return err instanceof TwilioError ? err.code : -1;
  }
};

describe('content templates rendered for each channel', () => {
  it('fills {{1}} and {{ 1 }} everywhere, given values over defaults', () => {
    const r = record({ 'twilio/text': { body: 'Hi {{1}} / {{ 1 }}, code {{2}}' } }, { '1': 'Customer', '2': '0000' });
    expect([...placeholdersOf(r.types)]).toEqual(['1', '2']);
    const out = renderContent(r, { '2': '4711' });
    expect(out.sms).toEqual({ type: 'twilio/text', body: 'Hi Customer / Customer, code 4711', buttons: [], media: [] });
    expect(out.whatsapp.body).toBe('Hi Customer / Customer, code 4711');
    expect(out.whatsappStatus).toBeNull();
  });

  it('gives WhatsApp the call-to-action buttons and SMS the text, with variables in URLs too', () => {
    const r = record(
      {
        'twilio/text': { body: 'Call +1 500 555 0006 about {{1}}' },
        'twilio/call-to-action': {
          body: 'About case {{1}}',
          actions: [
            { type: 'PHONE_NUMBER', title: 'Call us', phone: '+15005550006' },
            { type: 'URL', title: 'Open', url: 'https://example.com/cases/{{1}}' },
          ],
        },
      },
      { '1': '42' },
    );
    const out = renderContent(r, {});
    expect(out.whatsapp).toEqual({
      type: 'twilio/call-to-action',
      body: 'About case 42',
      media: [],
      buttons: [
        { type: 'PHONE_NUMBER', title: 'Call us', phone: '+15005550006' },
        { type: 'URL', title: 'Open', url: 'https://example.com/cases/42' },
      ],
    });
    expect(out.sms.body).toBe('Call +1 500 555 0006 about 42');
  });

  it('falls back to the rich type’s text, without buttons, on SMS when there is no twilio/text', () => {
    const out = renderContent(record({ 'twilio/quick-reply': { body: 'Pick one', actions: [{ id: 'a', title: 'A' }] } }), {});
    expect(out.whatsapp.buttons).toEqual([{ type: 'QUICK_REPLY', id: 'a', title: 'A' }]);
    expect(out.sms).toEqual({ type: 'twilio/quick-reply', body: 'Pick one', buttons: [], media: [] });
    const card = renderContent(record({ 'twilio/card': { title: 'Elite {{1}}', subtitle: 'Reply STOP', media: ['https://example.com/{{1}}.png'] } }, { '1': 'x' }), {});
    expect(card.whatsapp).toMatchObject({ type: 'twilio/card', body: 'Elite x\nReply STOP', media: ['https://example.com/x.png'] });
    expect(renderContent(record({ 'twilio/location': { latitude: 1.5, longitude: 2, label: 'Gate {{1}}' } }, { '1': 'B' }), {}).whatsapp.body).toBe('Gate B');
  });

  it('refuses with Twilio’s codes: bad JSON 50527, empty or missing values 21656, no sendable type 50542', () => {
    expect(parseContentVariables(undefined)).toEqual({});
    expect(parseContentVariables('{"1": 7}')).toEqual({ '1': '7' });
    expect(codeOf(() => parseContentVariables('{'))).toBe(50527);
    expect(codeOf(() => parseContentVariables('"x"'))).toBe(50527);
    expect(codeOf(() => parseContentVariables('{"1": ""}'))).toBe(21656);
    expect(codeOf(() => parseContentVariables('{"1": {"a": 1}}'))).toBe(21656);
    expect(codeOf(() => renderContent(record({ 'twilio/text': { body: '{{1}} and {{2}}' } }, { '1': 'a' }), {}))).toBe(21656);
    expect(codeOf(() => renderContent(record({ 'whatsapp/authentication': { actions: [] } }), {}))).toBe(50542);
  });

  it('reviews like WhatsApp: approved at once, rejected for a "reject…" name or a variable at an edge or beside another', () => {
    expect(whatsappFormatProblem({ 'twilio/text': { body: 'Hi {{1}}, order {{2}} shipped.' } })).toBeNull();
    expect(whatsappFormatProblem({ 'twilio/text': { body: '{{1}}, hello' } })).toMatch(/starts or ends/);
    expect(whatsappFormatProblem({ 'twilio/quick-reply': { body: 'Your code is {{ 1 }}' } })).toMatch(/starts or ends/);
    expect(whatsappFormatProblem({ 'twilio/text': { body: 'Hi {{1}} {{2}} there' } })).toMatch(/next to each other/);

    const store = new ContentStore(Db.open(), () => '2026-01-01T00:00:00.000Z');
    const review = (body: string, name: string) => {
      const t = store.create({ language: 'en', types: { 'twilio/text': { body } } });
      expect(store.requestWhatsAppApproval(t.sid, { name, category: 'utility' })).toMatchObject({ status: 'received', category: 'UTILITY' });
      return store.get(t.sid).whatsapp;
    };
    expect(review('Hi {{1}}, thanks.', 'thanks')).toMatchObject({ status: 'approved', rejectionReason: '', contentType: 'twilio/text' });
    expect(review('Hi {{1}}, thanks.', 'reject_thanks')).toMatchObject({ status: 'rejected' });
    expect(review('Thanks {{1}}', 'thanks_edge')?.rejectionReason).toMatch(/ends with a variable/);
    expect(codeOf(() => parseContentVariables(JSON.stringify(Object.fromEntries(Array.from({ length: 101 }, (_, i) => [String(i + 1), 'x'])))))).toBe(21656);
  });
});
