import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Message } from '@twilio/conversations';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MessageSnapshot } from '../../store/types';
import { fakeDesk, person, registry, resetAll, seedConversation, signIn, startTestOutbox } from '../../test/fakes';
import { renderInSession } from '../../test/render';
import { MessageRow } from './MessageRow';

let desk: ReturnType<typeof fakeDesk>;
beforeEach(() => {
  resetAll();
  desk = fakeDesk();
  signIn('alice');
  startTestOutbox(desk);
});
afterEach(cleanup);

const mine = (patch: Partial<MessageSnapshot> = {}): MessageSnapshot => ({
  index: 3,
  sid: 'IM3',
  author: 'alice',
  body: 'Your order ships today',
  date: Date.UTC(2026, 0, 5, 10, 0),
  updated: null,
  media: [],
  participantSid: 'MB0',
  delivery: 'delivered',
  ...patch,
});

/** An SMS conversation whose message 3 is the SDK message given. */
function smsConversation(sdkMessage: Partial<Message>) {
  const conv = seedConversation('CH1', { channel: 'sms' }, [person('MB1', { type: 'sms', address: '+15005550006' })]);
  registry().messages.set('CH1', new Map([[3, { index: 3, body: 'Your order ships today', attachedMedia: [], ...sdkMessage } as unknown as Message]]));
  return conv;
}

const row = (m: MessageSnapshot) => renderInSession(<MessageRow sid="CH1" message={m} prev={null} isLastOwn={false} readHorizon={null} />);

describe('MessageRow in an SMS or WhatsApp conversation', () => {
  it('offers no edit, and delete says plainly that only the desk’s copy goes', async () => {
    const remove = vi.fn(async () => undefined);
    smsConversation({ remove } as unknown as Partial<Message>);
    row(mine());
    await userEvent.hover(screen.getByRole('article'));
    // The actions are there (Delete), and Edit is not among them.
    const deleteButton = screen.getByRole('button', { name: 'Delete from the desk — the customer keeps it' });
    expect(screen.queryByRole('button', { name: 'Edit message' })).toBeNull();
    await userEvent.click(deleteButton);
    expect(screen.getByRole('alert').textContent).toContain('the customer keeps the text they received');
    expect(remove).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Delete from the desk' }));
    await waitFor(() => expect(remove).toHaveBeenCalledOnce());
  });

  it('shows Twilio’s reason for a failed delivery and sends the same text again on Retry', async () => {
    const conv = smsConversation({
      getDetailedDeliveryReceipts: vi.fn(async () => [{ status: 'failed', errorCode: '30003' }, { status: 'delivered', errorCode: 0 }]),
    } as unknown as Partial<Message>);
    row(mine({ delivery: 'failed' }));
    expect(await screen.findByText(/Not delivered: The customer’s phone is unreachable/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Retry: send this message again' }));
    await waitFor(() => expect(conv.sendMessage).toHaveBeenCalledWith('Your order ships today', { deskOutboxKey: expect.any(String) }));
    // Sent once: no second Retry to send it twice.
    expect(await screen.findByText('Sent again below')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Retry: send this message again' })).toBeNull();
  });

  it('for an opted-out customer (21610) says so instead of offering Retry', async () => {
    smsConversation({ getDetailedDeliveryReceipts: vi.fn(async () => [{ status: 'failed', errorCode: '21610' }]) } as unknown as Partial<Message>);
    row(mine({ delivery: 'failed' }));
    expect(await screen.findByText(/Not delivered: The customer opted out by replying STOP/)).toBeTruthy();
    expect(screen.getByText('Customer opted out')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Retry: send this message again' })).toBeNull();
  });

  it('names an error code it has no words for, rather than hiding it', async () => {
    smsConversation({ getDetailedDeliveryReceipts: vi.fn(async () => [{ status: 'undelivered', errorCode: 30410 }]) } as unknown as Partial<Message>);
    row(mine({ delivery: 'failed' }));
    expect(await screen.findByText('Not delivered: Twilio error 30410.')).toBeTruthy();
  });
});

describe('MessageRow in a chat conversation', () => {
  it('builds its actions only for the message under the pointer or holding the focus', async () => {
    seedConversation('CH1', { channel: 'chat' }, [person('MB2', { identity: 'bob' })]);
    row(mine({ delivery: null }));
    const message = screen.getByRole('article');
    expect(screen.queryByRole('toolbar')).toBeNull();
    await userEvent.hover(message);
    expect(screen.getByRole('toolbar')).toBeTruthy();
    await userEvent.unhover(message);
    expect(screen.queryByRole('toolbar')).toBeNull();
    await userEvent.tab();
    expect(document.activeElement).toBe(message);
    await userEvent.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Add reaction' }));
  });

  it('keeps the focused action when the window loses the focus', async () => {
    seedConversation('CH1', { channel: 'chat' }, [person('MB2', { identity: 'bob' })]);
    row(mine({ delivery: null }));
    await userEvent.tab();
    await userEvent.tab();
    const add = screen.getByRole('button', { name: 'Add reaction' });
    expect(document.activeElement).toBe(add);
    // Switching to another window: a blur with nowhere to go, and the same element still active.
    fireEvent.blur(add, { relatedTarget: null });
    expect(add.isConnected).toBe(true);
    expect(document.activeElement).toBe(add);
  });

  it('gives the focus back to the message when the delete question is cancelled', async () => {
    seedConversation('CH1', { channel: 'chat' }, [person('MB2', { identity: 'bob' })]);
    row(mine({ delivery: null }));
    await userEvent.tab();
    await userEvent.tab();
    await userEvent.tab();
    await userEvent.tab();
    await userEvent.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Delete message' }));
    await userEvent.keyboard('{Enter}');
    // The question has the focus on its safe answer.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('article')));
  });

  it('keeps edit and delete for everyone', async () => {
    seedConversation('CH1', { channel: 'chat' }, [person('MB2', { identity: 'bob' })]);
    row(mine({ delivery: null }));
    await userEvent.hover(screen.getByRole('article'));
    expect(screen.getByRole('button', { name: 'Edit message' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Delete message' })).toBeTruthy();
  });
});
