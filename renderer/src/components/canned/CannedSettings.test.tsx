import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CannedResponse } from '../../../../shared/ipc/team-schema';
import { fakeDesk, resetAll, signIn } from '../../test/fakes';
import { renderInSession } from '../../test/render';
import { cannedList } from './canned-list';
import { CannedSettings } from './CannedSettings';

let saved: CannedResponse[];
let desk: ReturnType<typeof fakeDesk>;
beforeEach(() => {
  resetAll();
  cannedList.setState({ profileId: null, items: [], error: null });
  saved = [];
  desk = fakeDesk({
    listCannedResponses: vi.fn(async () => ({ ok: true as const, value: { items: saved } })),
    saveCannedResponse: vi.fn(async (item: CannedResponse) => {
      saved = [...saved.filter((i) => i.id !== item.id), item];
      return { ok: true as const, value: { items: saved } };
    }),
    removeCannedResponse: vi.fn(async ({ id }: { id: string }) => {
      saved = saved.filter((i) => i.id !== id);
      return { ok: true as const, value: { items: saved } };
    }),
    importCannedResponses: vi.fn(async () => ({
      ok: true as const,
      value: { items: [{ id: 'x', name: 'hello', body: 'Hello' }], added: 1, replaced: 0, refused: [{ index: 1, reason: 'The response needs some text' }] },
    })),
  });
  signIn('alice');
});
afterEach(cleanup);

describe('Settings → Canned responses', () => {
  it('explains what is wrong with a new response before saving it, then adds it', async () => {
    renderInSession(<CannedSettings />);
    await userEvent.click(await screen.findByRole('button', { name: 'Add response' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Name (what you type after /)' }), 'has space');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByText('A name may use letters, digits, - and _ only (it is what you type after /)')).toBeTruthy();
    expect(screen.getByText('The response needs some text')).toBeTruthy();
    expect(desk.saveCannedResponse).not.toHaveBeenCalled();
    const name = screen.getByRole('textbox', { name: 'Name (what you type after /)' });
    await userEvent.clear(name);
    await userEvent.type(name, 'thanks');
    await userEvent.type(screen.getByRole('textbox', { name: 'Text' }), 'Thanks for writing!');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('status')).toHaveProperty('textContent', 'Added /thanks.');
    expect(screen.getByRole('list', { name: 'Saved responses' }).textContent).toContain('Thanks for writing!');
    // The composer's picker shares the list.
    expect(cannedList.getState().items.map((i) => i.name)).toEqual(['thanks']);
    await userEvent.click(screen.getByRole('button', { name: 'Delete /thanks' }));
    await waitFor(() => expect(screen.queryByRole('list', { name: 'Saved responses' })).toBeNull());
  });

  it('imports a file and shows what was refused and why', async () => {
    renderInSession(<CannedSettings />);
    const input = await screen.findByLabelText('Canned responses file to import');
    const file = new File(['{"version":1,"responses":[{"name":"hello","body":"Hello"},{"name":"x","body":""}]}'], 'mine.json', { type: 'application/json' });
    await userEvent.upload(input, file);
    expect(await screen.findByText('Imported: 1 added, 0 replaced (same name), 1 refused.')).toBeTruthy();
    expect(desk.importCannedResponses).toHaveBeenCalledWith({ json: expect.stringContaining('"version":1') });
    expect(screen.getByRole('list', { name: 'Refused entries' }).textContent).toBe('Response 2: The response needs some text');
  });
});
