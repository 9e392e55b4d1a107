import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Message } from '@twilio/conversations';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeDesk, person, registry, resetAll, seedConversation, signIn, startTestOutbox, state } from '../../test/fakes';
import { renderWithLayout } from '../../test/render';
import { Thread } from '../thread/Thread';

const H = 3_600_000;
// jsdom has no scrolling; the message list scrolls to a new message with it.
Element.prototype.scrollBy ??= () => undefined;
let desk: ReturnType<typeof fakeDesk>;
beforeEach(() => {
  resetAll();
  desk = fakeDesk();
  signIn('alice');
  startTestOutbox(desk);
});
afterEach(cleanup);

const customer = person('MBwa', { type: 'whatsapp', address: 'whatsapp:+14155550177' });

function sdkMsg(index: number, body: string, participantSid: string | null, date: number, author = 'whatsapp:+14155550177') {
  return { conversation: { sid: 'CH1' }, index, sid: `IM${index}`, author, body, dateCreated: new Date(date), dateUpdated: new Date(date), attachedMedia: [], participantSid, aggregatedDeliveryReceipt: null };
}

const variable = (name: string, value: string) => ({ name, value, copyWithValue: (v: string) => ({ name, value: v, copied: true }) });
const orderUpdate = {
  sid: 'HX00000000000000000000000000000001',
  friendlyName: 'order_update',
  variables: [variable('1', 'Jack'), variable('2', 'A-1001')],
  variants: new Map<string, unknown>([
    ['twilio/text', { type: 'text', body: 'Hi {{1}}, order {{2}} ships today.', rawData: '' }],
    ['twilio/quick-reply', { type: 'quickReply', body: 'Hi {{1}}, order {{2}} ships today.', replies: [{ title: 'Track it' }, { title: 'Talk to us' }], rawData: '' }],
  ]),
};
const welcome = { sid: 'HX00000000000000000000000000000002', friendlyName: 'welcome_back', variables: [], variants: new Map([['twilio/text', { type: 'text', body: 'Welcome back!', rawData: '' }]]) };

/** A WhatsApp conversation whose history is the SDK messages given, and the account's templates. */
function whatsapp(messages: ReturnType<typeof sdkMsg>[], hasPrevPage = false) {
  const conv = seedConversation('CH1', { channel: 'whatsapp' }, [customer, person('MBagent', { type: 'chat', identity: 'alice' })]);
  conv.getMessages.mockResolvedValue({ items: messages, hasPrevPage, hasNextPage: false, prevPage: vi.fn(), nextPage: vi.fn() } as never);
  const send = vi.fn(async () => 9);
  const builder = { setContentTemplate: vi.fn(() => builder), build: vi.fn(() => ({ send })) };
  conv.prepareMessage.mockReturnValue(builder as never);
  const getContentTemplates = vi.fn(async () => [orderUpdate, welcome]);
  registry().client = { getContentTemplates } as never;
  renderWithLayout(<Thread />);
  act(() => state().select('CH1'));
  return { conv, builder, send, getContentTemplates };
}

describe('the WhatsApp composer', () => {
  it('says how long the window stays open, and counts again when the customer writes', async () => {
    whatsapp([sdkMsg(1, 'Where is my order?', 'MBwa', Date.now() - 21 * H + 10 * 60_000)]);
    expect(await screen.findByText('Window open, 3 h left')).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Message' })).toHaveProperty('disabled', false);
    act(() => state().putMessage('CH1', { index: 2, sid: 'IM2', author: 'whatsapp:+14155550177', body: 'Hello?', date: Date.now(), updated: null, media: [], participantSid: 'MBwa', delivery: null }));
    expect(await screen.findByText('Window open, 23 h left')).toBeTruthy();
  });

  it('pages back through the SDK when the loaded messages are all the agent’s', async () => {
    const older = { items: [sdkMsg(1, 'Hi', 'MBwa', Date.now() - 2 * H)], hasPrevPage: true, prevPage: vi.fn() };
    const conv = seedConversation('CH1', { channel: 'whatsapp' }, [customer, person('MBagent', { type: 'chat', identity: 'alice' })]);
    const prevPage = vi.fn(async () => older);
    conv.getMessages.mockResolvedValue({ items: [sdkMsg(2, 'On it', 'MBagent', Date.now() - H, 'alice')], hasPrevPage: true, hasNextPage: false, prevPage, nextPage: vi.fn() } as never);
    renderWithLayout(<Thread />);
    act(() => state().select('CH1'));
    expect(await screen.findByText('Window open, 21 h left')).toBeTruthy();
    expect(prevPage).toHaveBeenCalled();
  });

  it('outside the window disables free text (keeping the draft), opens the templates, and sends one with its variables', async () => {
    const { builder, send } = whatsapp([sdkMsg(1, 'Thanks', 'MBwa', Date.now() - 25 * H)]);
    act(() => state().setDraft('CH1', 'Half-written reply'));
    expect(await screen.findByText('Window closed: send a template')).toBeTruthy();
    const box = screen.getByRole('textbox', { name: 'Message' });
    expect(box).toHaveProperty('disabled', true);
    expect(box).toHaveProperty('value', 'Half-written reply');
    const picker = await screen.findByRole('dialog', { name: 'Send a WhatsApp template' });

    await userEvent.type(within(picker).getByRole('searchbox', { name: 'Search templates by name' }), 'order');
    expect(within(picker).queryByRole('button', { name: /welcome_back/ })).toBeNull();
    await userEvent.click(within(picker).getByRole('button', { name: /order_update/ }));

    // Sending with a variable left empty: said plainly, nothing sent.
    await userEvent.type(within(picker).getByRole('textbox', { name: 'Variable {{1}}' }), 'Dana');
    await userEvent.click(within(picker).getByRole('button', { name: 'Send template' }));
    expect(within(picker).getByRole('alert').textContent).toBe('Fill in {{2}}: every variable needs a value. Nothing was sent.');
    expect(send).not.toHaveBeenCalled();
    expect(within(picker).getByRole('textbox', { name: 'Variable {{1}}' })).toHaveProperty('value', 'Dana');

    await userEvent.type(within(picker).getByRole('textbox', { name: 'Variable {{2}}' }), 'A-2002');
    const preview = within(picker).getByRole('group', { name: 'Preview' });
    expect(preview.textContent).toContain('Hi Dana, order A-2002 ships today.');
    expect(within(within(preview).getByRole('list', { name: 'Quick replies' })).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Track it', 'Talk to us']);

    await userEvent.click(within(picker).getByRole('button', { name: 'Send template' }));
    await waitFor(() => expect(send).toHaveBeenCalled());
    expect(builder.setContentTemplate).toHaveBeenCalledWith(orderUpdate.sid, [
      { name: '1', value: 'Dana', copied: true },
      { name: '2', value: 'A-2002', copied: true },
    ]);
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Send a WhatsApp template' })).toBeNull());
  });

  it('outside the window holds back a template WhatsApp has not approved, and says why', async () => {
    (desk.templateApprovals as ReturnType<typeof vi.fn>).mockResolvedValue({
      ok: true,
      value: { items: [{ sid: orderUpdate.sid, whatsapp: 'approved', rejectionReason: null }, { sid: welcome.sid, whatsapp: 'rejected', rejectionReason: 'Too generic' }] },
    });
    const { send } = whatsapp([sdkMsg(1, 'Thanks', 'MBwa', Date.now() - 25 * H)]);
    const picker = await screen.findByRole('dialog', { name: 'Send a WhatsApp template' });
    await userEvent.click(await within(picker).findByRole('button', { name: /welcome_back/ }));
    expect(within(picker).getByRole('alert').textContent).toBe(
      'Can’t be sent now: Rejected by WhatsApp. Outside the 24-hour window WhatsApp only delivers approved templates. Choose an approved one, or reply once the customer writes again. WhatsApp’s reason: Too generic',
    );
    expect(within(picker).getByRole('button', { name: 'Send template' })).toHaveProperty('disabled', true);
    expect(send).not.toHaveBeenCalled();
    await userEvent.click(within(picker).getByRole('button', { name: /order_update/ }));
    expect(within(picker).queryByRole('alert')).toBeNull();
    expect(within(picker).getByRole('button', { name: 'Send template' })).toHaveProperty('disabled', false);
  });

  it('keeps the values and explains when Twilio refuses the template', async () => {
    const { send } = whatsapp([sdkMsg(1, 'Thanks', 'MBwa', Date.now() - 25 * H)]);
    send.mockRejectedValueOnce(Object.assign(new Error('Bad Request'), { status: 400, body: { code: 63027, message: 'Template is not approved for WhatsApp', status: 400 } }));
    const picker = await screen.findByRole('dialog', { name: 'Send a WhatsApp template' });
    await userEvent.click(await within(picker).findByRole('button', { name: /welcome_back/ }));
    await userEvent.click(within(picker).getByRole('button', { name: 'Send template' }));
    expect((await within(picker).findByRole('alert')).textContent).toBe('Twilio refused the template: Template is not approved for WhatsApp Nothing was sent; your values are kept.');
    expect(screen.getByRole('dialog', { name: 'Send a WhatsApp template' })).toBeTruthy();
  });
});

describe('the SMS composer', () => {
  beforeEach(() => {
    seedConversation('CH2', { channel: 'sms' }, [person('MBsms', { type: 'sms', address: '+14155550177' })]);
    renderWithLayout(<Thread />);
    act(() => state().select('CH2'));
  });

  it('counts segments and names the characters that switch it to Unicode', async () => {
    const box = await screen.findByRole('textbox', { name: 'Message' });
    await userEvent.type(box, 'Your order ships today');
    const counter = () => screen.getByRole('group', { name: 'SMS segments' }).textContent;
    expect(counter()).toContain('1 segment · 138 characters left in this one · GSM-7 (160 per segment)');
    await userEvent.type(box, ' 😀 it’s here');
    expect(counter()).toContain('1 segment · 35 characters left in this one · Unicode (70 per segment)');
    expect(screen.getByText('😀 and ’ switch this message to Unicode (70 per segment)')).toBeTruthy();
  });

  it('blocks a text over 1,600 characters with a clear message and keeps it', async () => {
    const box = await screen.findByRole('textbox', { name: 'Message' });
    act(() => state().setDraft('CH2', 'a'.repeat(1601)));
    expect((await screen.findByRole('alert')).textContent).toContain('Too long to send: 1,601 characters, and Twilio takes at most 1,600');
    expect(screen.getByRole('button', { name: 'Send' })).toHaveProperty('disabled', true);
    expect((box as HTMLTextAreaElement).value).toHaveLength(1601);
  });

  it('refuses an MMS over 5 MB before uploading anything', async () => {
    await screen.findByRole('textbox', { name: 'Message' });
    const big = new File([new Uint8Array(6 * 1024 * 1024)], 'scan.pdf', { type: 'application/pdf' });
    await userEvent.upload(screen.getByLabelText('Choose files to attach'), big);
    expect((await screen.findByRole('alert')).textContent).toMatch(/scan\.pdf.*6 MB.*5 MB/);
    expect(screen.getByRole('button', { name: 'Send' })).toHaveProperty('disabled', true);
  });
});

describe('a failed receipt offers the way forward', () => {
  function failed(codes: string[]) {
    const conv = seedConversation('CH1', { channel: 'whatsapp' }, [customer]);
    const message = { index: 3, body: 'Your order ships today', attachedMedia: [], getDetailedDeliveryReceipts: vi.fn(async () => codes.map((c) => ({ status: 'failed', errorCode: c }))) };
    conv.getMessages.mockResolvedValue({ items: [{ ...sdkMsg(3, 'Your order ships today', 'MBagent', Date.now() - 25 * H, 'alice'), aggregatedDeliveryReceipt: { total: 1, failed: 'all', undelivered: 'none', read: 'none', delivered: 'none', sent: 'none' }, ...message }], hasPrevPage: false, hasNextPage: false, prevPage: vi.fn(), nextPage: vi.fn() } as never);
    registry().client = { getContentTemplates: vi.fn(async () => [welcome]) } as never;
    renderWithLayout(<Thread />);
    act(() => state().select('CH1'));
    return message as unknown as Message;
  }

  it('63016: explains the window and opens the templates', async () => {
    failed(['63016']);
    expect(await screen.findByText(/Not delivered: Outside WhatsApp’s 24-hour window/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Retry: send this message again' })).toBeNull();
    // The window is closed anyway here: close the picker it opened, then ask for it from the failure.
    await userEvent.click(await screen.findByRole('button', { name: 'Close templates' }));
    await userEvent.click(screen.getByRole('button', { name: 'Send a template instead' }));
    expect(await screen.findByRole('dialog', { name: 'Send a WhatsApp template' })).toBeTruthy();
  });

  it('21610: says the customer opted out, with nothing to retry', async () => {
    failed(['21610']);
    expect(await screen.findByText('Customer opted out')).toBeTruthy();
    expect(screen.getByText(/opted out by replying STOP/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Retry: send this message again' })).toBeNull();
  });

  it('a transient failure keeps Retry', async () => {
    failed(['30003']);
    expect(await screen.findByRole('button', { name: 'Retry: send this message again' })).toBeTruthy();
    expect(screen.queryByText('Customer opted out')).toBeNull();
  });
});
