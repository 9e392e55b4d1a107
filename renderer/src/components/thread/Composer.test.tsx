import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from '@testing-library/react';
import { fakeDesk, person, resetAll, seedConversation, signIn, startTestOutbox, state } from '../../test/fakes';
import { renderWithLayout } from '../../test/render';
import { Thread } from './Thread';

let desk: ReturnType<typeof fakeDesk>;
beforeEach(() => {
  resetAll();
  desk = fakeDesk();
  signIn('alice');
  startTestOutbox(desk);
});
afterEach(cleanup);

const open = (sid: string) => act(() => state().select(sid));

describe('Composer', () => {
  it('sends on Enter and shows the message while it is on its way', async () => {
    const conv = seedConversation('CH1');
    conv.sendMessage.mockImplementation(() => new Promise(() => undefined)); // never resolves
    renderWithLayout(<Thread />);
    open('CH1');
    const box = await screen.findByRole('textbox', { name: 'Message' });
    await userEvent.type(box, 'Hello there{Enter}');
    await waitFor(() => expect(conv.sendMessage).toHaveBeenCalledWith('Hello there', { deskOutboxKey: expect.any(String) }));
    expect(box).toHaveProperty('value', '');
    expect(await screen.findByText('Hello there')).toBeTruthy();
    expect(screen.getByText('Sending…')).toBeTruthy();
  });

  it('adds a new line on Shift+Enter instead of sending', async () => {
    const conv = seedConversation('CH1');
    renderWithLayout(<Thread />);
    open('CH1');
    const box = await screen.findByRole('textbox', { name: 'Message' });
    await userEvent.type(box, 'line one{Shift>}{Enter}{/Shift}line two');
    expect(box).toHaveProperty('value', 'line one\nline two');
    expect(conv.sendMessage).not.toHaveBeenCalled();
  });

  it('keeps a send Twilio refused visible with its explanation and Retry, and does not queue it', async () => {
    const conv = seedConversation('CH1');
    const refusal = Object.assign(new Error('Bad Request'), { status: 400, body: { code: 50504, message: 'Message body parameter is too long', status: 400 } });
    conv.sendMessage.mockRejectedValueOnce(refusal).mockResolvedValueOnce(3);
    renderWithLayout(<Thread />);
    open('CH1');
    await userEvent.type(await screen.findByRole('textbox', { name: 'Message' }), 'Important{Enter}');
    expect(await screen.findByText('Not sent: Message body parameter is too long')).toBeTruthy();
    expect(screen.queryByText('Queued')).toBeNull();
    await waitFor(() => expect(desk.removeOutboxEntry).toHaveBeenCalled());
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(conv.sendMessage).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(screen.queryByText(/Not sent/)).toBeNull());
  });

  it('queues a message written while offline, lets the agent edit it, and sends the edit once when connected', async () => {
    const conv = seedConversation('CH1');
    act(() => state().setConnection('reconnecting'));
    renderWithLayout(<Thread />);
    open('CH1');
    await userEvent.type(await screen.findByRole('textbox', { name: 'Message' }), 'See you at 5{Enter}');
    const row = await screen.findByRole('article', { name: 'Message queued' });
    expect(row.textContent).toContain('Queued');
    await waitFor(() => expect(desk.putOutboxEntry).toHaveBeenCalledWith({ profileId: 'local', entry: expect.objectContaining({ body: 'See you at 5', attempts: 0 }) }));
    expect(conv.sendMessage).not.toHaveBeenCalled();

    await userEvent.click(screen.getByRole('button', { name: 'Edit' }));
    const edit = screen.getByRole('textbox', { name: 'Edit queued message' });
    await userEvent.clear(edit);
    await userEvent.type(edit, 'See you at 6{Enter}');
    expect((await screen.findByRole('article', { name: 'Message queued' })).textContent).toContain('See you at 6');
    await waitFor(() => expect(desk.putOutboxEntry).toHaveBeenLastCalledWith({ profileId: 'local', entry: expect.objectContaining({ body: 'See you at 6' }) }));

    act(() => state().setConnection('connected'));
    await waitFor(() => expect(conv.sendMessage).toHaveBeenCalledWith('See you at 6', { deskOutboxKey: expect.any(String) }));
    await waitFor(() => expect(screen.queryByRole('article', { name: 'Message queued' })).toBeNull());
    expect(conv.sendMessage).toHaveBeenCalledTimes(1);
  });

  it('cancels a queued message: it is never sent and leaves the outbox', async () => {
    const conv = seedConversation('CH1');
    act(() => state().setConnection('reconnecting'));
    renderWithLayout(<Thread />);
    open('CH1');
    await userEvent.type(await screen.findByRole('textbox', { name: 'Message' }), 'Wrong customer{Enter}');
    await screen.findByRole('article', { name: 'Message queued' });
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('article', { name: 'Message queued' })).toBeNull();
    await waitFor(() => expect(desk.removeOutboxEntry).toHaveBeenCalled());
    act(() => state().setConnection('connected'));
    expect(conv.sendMessage).not.toHaveBeenCalled();
  });

  it('queues a send that hit a 429 storm, saying so, instead of failing it', async () => {
    const conv = seedConversation('CH1');
    const tooMany = Object.assign(new Error('Too Many Requests'), { status: 429, body: { code: 20429, message: 'Too Many Requests', status: 429 } });
    conv.sendMessage.mockRejectedValue(tooMany);
    renderWithLayout(<Thread />);
    open('CH1');
    await userEvent.type(await screen.findByRole('textbox', { name: 'Message' }), 'Busy day{Enter}');
    const row = await screen.findByRole('article', { name: 'Message queued' });
    expect(row.textContent).toContain('Twilio is busy; trying again shortly.');
    expect(screen.queryByText(/Not sent/)).toBeNull();
  });

  it('shows a queued message while the thread’s history is still loading', async () => {
    const conv = seedConversation('CH1');
    conv.getMessages.mockImplementation(() => new Promise(() => undefined)); // never resolves
    act(() =>
      state().pendingSend('CH1', {
        type: 'add',
        pending: { localId: 'key-1', body: 'Kept from last time', attachments: [], status: 'queued', error: 'offline', index: null, createdAt: 1 },
      }),
    );
    renderWithLayout(<Thread />);
    open('CH1');
    expect((await screen.findByRole('article', { name: 'Message queued' })).textContent).toContain('Kept from last time');
    expect(screen.getByText('Loading messages…')).toBeTruthy();
  });

  it('restores each conversation’s draft when coming back to it', async () => {
    seedConversation('CH1');
    seedConversation('CH2');
    renderWithLayout(<Thread />);
    open('CH1');
    await userEvent.type(await screen.findByRole('textbox', { name: 'Message' }), 'Half-written reply');
    open('CH2');
    expect(screen.getByRole('textbox', { name: 'Message' })).toHaveProperty('value', '');
    open('CH1');
    expect(screen.getByRole('textbox', { name: 'Message' })).toHaveProperty('value', 'Half-written reply');
  });

  it('explains attachment limits before uploading and blocks sending', async () => {
    const conv = seedConversation('CH1', {}, [person('MB1', { identity: 'alice' }), person('MB2', { type: 'whatsapp', address: 'whatsapp:+14155550123' })]);
    // The customer wrote just now: WhatsApp's window is open, so free text and media may go.
    const inbound = { conversation: { sid: 'CH1' }, index: 0, sid: 'IM0', author: 'whatsapp:+14155550123', body: 'Hi', dateCreated: new Date(), dateUpdated: new Date(), attachedMedia: [], participantSid: 'MB2', aggregatedDeliveryReceipt: null };
    conv.getMessages.mockResolvedValue({ items: [inbound], hasPrevPage: false, hasNextPage: false, prevPage: vi.fn(), nextPage: vi.fn() } as never);
    renderWithLayout(<Thread />);
    open('CH1');
    await screen.findByText(/^Window open/);
    const picker = await screen.findByLabelText('Choose files to attach');
    const a = new File(['a'], 'a.png', { type: 'image/png' });
    const b = new File(['b'], 'b.png', { type: 'image/png' });
    await userEvent.upload(picker, [a, b]);
    expect((await screen.findByRole('alert')).textContent).toContain('WhatsApp allows only 1 attachment per message');
    expect(screen.getByRole('button', { name: 'Send' })).toHaveProperty('disabled', true);

    await userEvent.click(screen.getByRole('button', { name: 'Remove b.png' }));
    expect(screen.queryByRole('alert')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(conv.builder.addMedia).toHaveBeenCalledWith({ contentType: 'image/png', filename: 'a.png', media: a }));
  });

  it('shows upload progress while an attachment is on its way', async () => {
    const conv = seedConversation('CH1');
    conv.builder.build.mockReturnValue({ send: vi.fn(() => new Promise<number>(() => undefined)) });
    renderWithLayout(<Thread />);
    open('CH1');
    await userEvent.upload(await screen.findByLabelText('Choose files to attach'), new File(['x'.repeat(2048)], 'label.pdf', { type: 'application/pdf' }));
    expect(screen.getByRole('list', { name: 'Attachments' }).textContent).toContain('label.pdf');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByRole('progressbar', { name: 'Uploading 1 file, 2 KB' })).toBeTruthy();
    expect(screen.getByText('Uploading 2 KB…')).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Attachments' })).toBeNull();
  });
});
