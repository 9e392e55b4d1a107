import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from '@testing-library/react';
import { fakeDesk, person, resetAll, seedConversation, signIn, state } from '../../test/fakes';
import { renderWithLayout } from '../../test/render';
import { Thread } from './Thread';

beforeEach(() => {
  resetAll();
  fakeDesk();
  signIn('alice');
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
    expect(conv.sendMessage).toHaveBeenCalledWith('Hello there');
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

  it('keeps a failed send visible with Retry', async () => {
    const conv = seedConversation('CH1');
    conv.sendMessage.mockRejectedValueOnce(new Error('Network is down')).mockResolvedValueOnce(3);
    renderWithLayout(<Thread />);
    open('CH1');
    await userEvent.type(await screen.findByRole('textbox', { name: 'Message' }), 'Important{Enter}');
    expect(await screen.findByText('Not sent: Network is down')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(conv.sendMessage).toHaveBeenCalledTimes(2));
    expect(screen.queryByText(/Not sent/)).toBeNull();
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
    renderWithLayout(<Thread />);
    open('CH1');
    const picker = await screen.findByLabelText('Choose files to attach');
    const a = new File(['a'], 'a.png', { type: 'image/png' });
    const b = new File(['b'], 'b.png', { type: 'image/png' });
    await userEvent.upload(picker, [a, b]);
    expect((await screen.findByRole('alert')).textContent).toContain('WhatsApp allows only 1 attachment per message');
    expect(screen.getByRole('button', { name: 'Send' })).toHaveProperty('disabled', true);

    await userEvent.click(screen.getByRole('button', { name: 'Remove b.png' }));
    expect(screen.queryByRole('alert')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(conv.builder.addMedia).toHaveBeenCalledWith({ contentType: 'image/png', filename: 'a.png', media: a });
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
