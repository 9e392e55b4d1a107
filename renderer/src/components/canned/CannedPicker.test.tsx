import { act, cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CannedResponse } from '../../../../shared/ipc/team-schema';
import { fakeDesk, person, resetAll, seedConversation, signIn, startTestOutbox, state } from '../../test/fakes';
import { renderWithLayout } from '../../test/render';
import { Thread } from '../thread/Thread';
import { cannedList } from './canned-list';
import { slashQuery } from './useCannedPicker';
import { cannedValues, fillVariables, unfilledVariables } from './variables';

const RESPONSES: CannedResponse[] = [
  { id: '1', name: 'hello', body: 'Hello {{customer.name}}, this is {{agent.name}}.' },
  { id: '2', name: 'refund', body: 'Your refund for {{conversation.name}} is on its way. We will text {{customer.phone}}.' },
  { id: '3', name: 'order', body: 'Could you send your order number, {{customer.name}}? Ref {{ticket.id}}' },
];

let desk: ReturnType<typeof fakeDesk>;
beforeEach(() => {
  resetAll();
  cannedList.setState({ profileId: null, items: [], error: null });
  desk = fakeDesk({ listCannedResponses: vi.fn(async () => ({ ok: true as const, value: { items: RESPONSES } })) });
  signIn('alice');
  startTestOutbox(desk);
});
afterEach(cleanup);

const seedCustomer = () => {
  state().setUserName('alice', 'Alice Agent');
  return seedConversation('CH1', { friendlyName: 'Order #2001' }, [
    person('MB1', { identity: 'alice' }),
    // SMS: a WhatsApp customer who never wrote in is outside the 24-hour window (templates only).
    person('MB2', { type: 'sms', address: '+14155550123', name: 'Ana Lima' }),
  ]);
};

async function openComposer() {
  renderWithLayout(<Thread />);
  act(() => state().select('CH1'));
  return screen.findByRole('textbox', { name: 'Message' });
}

describe('canned responses in the composer', () => {
  it('opens on / at the start of a word, filters by name, and inserts with Enter, variables filled', async () => {
    const conv = seedCustomer();
    const box = await openComposer();
    await userEvent.type(box, 'Hi /');
    const list = await screen.findByRole('listbox', { name: 'Canned responses' });
    expect(list.querySelectorAll('[role="option"]')).toHaveLength(3);
    await userEvent.type(box, 're');
    await waitFor(() => expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual([expect.stringContaining('/refund')]));
    expect(box.getAttribute('aria-activedescendant')).toBe(screen.getByRole('option').id);
    await userEvent.keyboard('{Enter}');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect((box as HTMLTextAreaElement).value).toBe('Hi Your refund for Order #2001 is on its way. We will text +1 415 555 0123.');
    expect(conv.sendMessage).not.toHaveBeenCalled();
  });

  it('moves with the arrows, inserts with Tab, and Escape closes without sending', async () => {
    seedCustomer();
    const box = (await openComposer()) as HTMLTextAreaElement;
    await userEvent.type(box, '/');
    await screen.findByRole('listbox');
    await userEvent.keyboard('{ArrowDown}');
    expect(screen.getAllByRole('option')[1]!.getAttribute('aria-selected')).toBe('true');
    await userEvent.keyboard('{ArrowUp}{ArrowUp}');
    expect(screen.getAllByRole('option')[2]!.getAttribute('aria-selected')).toBe('true');
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(box.value).toBe('/');
    await userEvent.type(box, 'hel');
    // Escape holds for that slash only until the agent types a new one.
    expect(screen.queryByRole('listbox')).toBeNull();
    await userEvent.clear(box);
    await userEvent.type(box, '/hel');
    await screen.findByRole('listbox');
    await userEvent.keyboard('{Tab}');
    expect(box.value).toBe('Hello Ana Lima, this is Alice Agent.');
  });

  it('does not open for a slash inside a word', async () => {
    seedCustomer();
    const box = await openComposer();
    await userEvent.type(box, 'and/or');
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('selects a variable it could not fill, lists it, and warns once before sending it', async () => {
    const conv = seedCustomer();
    const box = (await openComposer()) as HTMLTextAreaElement;
    await userEvent.type(box, '/ord');
    await userEvent.click(await screen.findByRole('option', { name: /order/ }));
    expect(box.value).toBe('Could you send your order number, Ana Lima? Ref {{ticket.id}}');
    expect(box.value.slice(box.selectionStart, box.selectionEnd)).toBe('{{ticket.id}}');
    expect(screen.getByText('To fill in before sending: {{ticket.id}}')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(conv.sendMessage).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toContain('still has {{ticket.id}}');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(conv.sendMessage).toHaveBeenCalledWith('Could you send your order number, Ana Lima? Ref {{ticket.id}}', expect.anything()));
  });
});

describe('canned variables', () => {
  it('fills what the desk knows and leaves the rest marked', () => {
    seedConversation('CH2', { friendlyName: null }, [person('MB1', { identity: 'alice' }), person('MB2', { type: 'sms', address: '+14155550123' })]);
    const values = cannedValues(state(), 'CH2');
    // No name in the participant's attributes: the address stands for it.
    expect(values).toEqual({ 'customer.name': '+1 415 555 0123', 'customer.phone': '+1 415 555 0123', 'agent.name': 'alice', 'agent.identity': 'alice' });
    expect(fillVariables('{{ agent.identity }} for {{conversation.name}}', values)).toBe('alice for {{conversation.name}}');
    expect(unfilledVariables('{{a}} {{b}} {{a}}')).toEqual(['{{a}}', '{{b}}']);
  });

  it('takes a web-chat customer as the chat participant who is not the agent', () => {
    seedConversation('CH3', {}, [person('MB1', { identity: 'alice' }), person('MB2', { identity: 'visitor-42' })]);
    expect(cannedValues(state(), 'CH3')['customer.name']).toBe('visitor-42');
    expect(cannedValues(state(), 'CH3')['customer.phone']).toBeUndefined();
  });

  it('finds the /word before the caret only at the start of a word', () => {
    expect(slashQuery('Hi /ref', 7)).toEqual({ start: 3, query: 'ref' });
    expect(slashQuery('/', 1)).toEqual({ start: 0, query: '' });
    expect(slashQuery('a/b', 3)).toBeNull();
    expect(slashQuery('/ref more', 9)).toBeNull();
  });
});
