import { describe, expect, it, vi } from 'vitest';
import { createLaunchAhead, LAUNCH_AHEAD_MAX_AGE_MS } from '../../../electron/main/launch-ahead';
import { INBOX_CACHE_VERSION, type InboxCache } from '../../../shared/ipc/inbox-cache-schema';

const inbox = (sid: string): InboxCache => ({
  version: INBOX_CACHE_VERSION,
  savedAt: 1,
  conversations: [{ sid, friendlyName: sid, uniqueName: null, dateUpdated: 1, lastMessage: null, lastMessageIndex: -1, lastReadIndex: null, channel: 'chat', notificationLevel: 'default' }],
  rosters: [],
  userNames: [],
});

function setup(kept: InboxCache | null, profile = 'local') {
  let clock = 1_000;
  const deps = {
    activeProfileId: vi.fn(async () => profile),
    keptFirstScreen: vi.fn(async () => kept),
    coldPage: vi.fn(async () => inbox('CHrest')),
    now: () => clock,
  };
  return { ahead: createLaunchAhead(deps), deps, tick: (ms: number) => (clock += ms) };
}

describe('launch ahead', () => {
  it('reads the REST page as soon as the page starts loading when no copy is kept, and hands it to the window once', async () => {
    const { ahead, deps } = setup(null);
    ahead.start();
    await vi.waitFor(() => expect(deps.coldPage).toHaveBeenCalledTimes(1));
    const readNow = vi.fn(async () => inbox('CHnow'));
    expect(await ahead.kept('local', readNow)).toBeNull();
    expect(await ahead.cold('local', readNow)).toEqual(inbox('CHrest'));
    expect(readNow).not.toHaveBeenCalled();
    // Taken: a second ask (a Retry, a reload) reads for itself.
    expect(await ahead.cold('local', readNow)).toEqual(inbox('CHnow'));
    expect(deps.coldPage).toHaveBeenCalledTimes(1);
  });

  it('does not read over REST when a copy is kept, and gives the copy to the first ask', async () => {
    const { ahead, deps } = setup(inbox('CHkept'));
    ahead.start();
    ahead.start();
    expect(await ahead.kept('local', async () => null)).toEqual(inbox('CHkept'));
    expect(deps.keptFirstScreen).toHaveBeenCalledTimes(1);
    expect(deps.coldPage).not.toHaveBeenCalled();
  });

  it('gives nothing read for another profile, or read too long ago', async () => {
    const switched = setup(null, 'local');
    switched.ahead.start();
    expect(await switched.ahead.cold('twilio-1', async () => inbox('CHmine'))).toEqual(inbox('CHmine'));

    const old = setup(null);
    old.ahead.start();
    old.tick(LAUNCH_AHEAD_MAX_AGE_MS + 1);
    expect(await old.ahead.cold('local', async () => inbox('CHfresh'))).toEqual(inbox('CHfresh'));
  });

  it('reads the copy and the REST page for the one profile it asked about, even if another becomes active meanwhile', async () => {
    const active = vi.fn<() => Promise<string>>().mockResolvedValueOnce('A').mockResolvedValue('B');
    const keptFirstScreen = vi.fn(async (id: string) => (id === 'A' ? null : inbox(`CHkept${id}`)));
    const coldPage = vi.fn(async (id: string) => inbox(`CHrest${id}`));
    const ahead = createLaunchAhead({ activeProfileId: active, keptFirstScreen, coldPage });
    ahead.start();
    await vi.waitFor(() => expect(coldPage).toHaveBeenCalledTimes(1));
    expect(active).toHaveBeenCalledTimes(1);
    expect(keptFirstScreen).toHaveBeenCalledWith('A');
    expect(coldPage).toHaveBeenCalledWith('A');
    // B asks: what was read for A is not B's inbox.
    expect(await ahead.cold('B', async () => inbox('CHrestB-now'))).toEqual(inbox('CHrestB-now'));
  });

  it('answers null rather than failing when a read ahead fails (the SDK still lists the inbox)', async () => {
    const lines: string[] = [];
    const ahead = createLaunchAhead({
      activeProfileId: async () => 'local',
      keptFirstScreen: async () => null,
      coldPage: async () => Promise.reject(new Error('emulator down')),
      log: (l) => lines.push(l),
    });
    ahead.start();
    expect(await ahead.cold('local', async () => inbox('CHunused'))).toBeNull();
    expect(lines.join('\n')).toContain('emulator down');
  });
});
