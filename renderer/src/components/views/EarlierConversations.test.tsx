import { act, cleanup, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { QueueChanges } from '../../../../shared/ipc/team-schema';
import { bindTeamQueue } from '../../sdk/team-binding';
import { queueRow } from '../../test/queue';
import { fakeDesk, resetAll, seedConversation, session, signIn, state } from '../../test/fakes';
import { renderInSession } from '../../test/render';
import { EarlierConversations } from './EarlierConversations';

let emit: (c: QueueChanges) => void = () => undefined;
let desk: ReturnType<typeof fakeDesk>;

beforeEach(async () => {
  resetAll();
  desk = fakeDesk({
    teamQueue: async () => ({ ok: true, value: { version: 1, complete: true, refreshedAt: 1, rows: [queueRow(7, { friendlyName: 'Priya Shah', state: 'closed', dateCreated: Date.UTC(2026, 10, 24, 12) })] } }),
    onTeamQueueChanged: (l) => {
      emit = l;
      return () => undefined;
    },
  });
  signIn('alice');
  session().onEnd(bindTeamQueue(session(), desk));
  await vi.waitFor(() => expect(state().queue.version).toBe(1));
});
afterEach(cleanup);

describe('earlier conversations with this customer', () => {
  it('asks main once to read a conversation its queue does not know yet, then links the earlier ones by name, date and state', async () => {
    const fresh = queueRow(9, { friendlyName: null, customer: '+14155550142', previous: [queueRow(7).sid] });
    seedConversation(fresh.sid, { friendlyName: '+1 415 555 0142', attributes: {} });
    renderInSession(<EarlierConversations sid={fresh.sid} />);
    expect(screen.queryByRole('navigation')).toBeNull();
    await vi.waitFor(() => expect(desk.refreshTeamQueue).toHaveBeenCalledTimes(1));
    // Another change that still lacks it asks nothing more.
    act(() => emit({ version: 2, upserts: [queueRow(8)], removed: [], complete: true }));
    expect(desk.refreshTeamQueue).toHaveBeenCalledTimes(1);

    act(() => emit({ version: 3, upserts: [fresh], removed: [], complete: true }));
    const nav = screen.getByRole('navigation', { name: 'Earlier conversations with this customer' });
    const link = within(nav).getByRole('button');
    expect(link.textContent).toMatch(/^Priya Shah · .*(Nov|nov).* · Resolved$/);
    act(() => link.click());
    expect(state().teamViewSid).toBe(queueRow(7).sid);
  });
});
