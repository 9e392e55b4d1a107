import { describe, expect, it, vi } from 'vitest';
import type { NewMessage, Settings } from '../../../../shared/ipc/contract';
import { createNotifier, messageContent, skipReason, type NotificationContent } from '../../../../electron/main/desktop/notifier';
import { DEFAULT_SETTINGS } from '../../../../electron/main/settings';

const sid = (c: string) => `CH${c.repeat(32)}`;
const message = (over: Partial<NewMessage> = {}): NewMessage => ({
  conversationSid: sid('a'),
  conversationTitle: 'Order #1234',
  author: '+14155550123',
  channel: 'sms',
  body: 'Hello, my parcel has not arrived',
  muted: false,
  isOpenConversation: false,
  ...over,
});

/** Notifications that record what was shown and closed, and can be clicked. */
function fakeNotifications() {
  const shown: Array<{ content: NotificationContent; closed: boolean; click: () => void }> = [];
  const create = (content: NotificationContent) => {
    const entry = { content, closed: false, click: () => {} };
    const listeners = new Map<string, () => void>();
    return {
      show: () => {
        entry.click = () => listeners.get('click')?.();
        shown.push(entry);
      },
      close: () => {
        entry.closed = true;
      },
      on: (event: string, listener: () => void) => listeners.set(event, listener),
    };
  };
  return { shown, create };
}

const setup = (settings: Partial<Settings> = {}, focused = false) => {
  const fake = fakeNotifications();
  let t = 1_000;
  const onClick = vi.fn();
  const notifier = createNotifier({
    createNotification: fake.create,
    isSupported: () => true,
    settings: () => ({ ...DEFAULT_SETTINGS, ...settings }),
    isWindowFocused: () => focused,
    onClick,
    now: () => t,
  });
  return { notifier, shown: fake.shown, onClick, advance: (ms: number) => (t += ms) };
};

describe('skipReason', () => {
  it('notifies for other conversations even while the window is focused', () => {
    expect(skipReason(message(), DEFAULT_SETTINGS, true)).toBeNull();
  });
  it('stays quiet for the open conversation while the window is focused, not when it is in the background', () => {
    expect(skipReason(message({ isOpenConversation: true }), DEFAULT_SETTINGS, true)).toBe('in-view');
    expect(skipReason(message({ isOpenConversation: true }), DEFAULT_SETTINGS, false)).toBeNull();
  });
  it('respects mute, do-not-disturb and the notifications switch', () => {
    expect(skipReason(message({ muted: true }), DEFAULT_SETTINGS, false)).toBe('muted');
    expect(skipReason(message(), { ...DEFAULT_SETTINGS, doNotDisturb: true }, false)).toBe('do-not-disturb');
    expect(skipReason(message(), { ...DEFAULT_SETTINGS, notifications: false }, false)).toBe('disabled');
  });
});

describe('messageContent', () => {
  it('shows sender, conversation, channel and a one-line preview', () => {
    const content = messageContent(message({ body: `line one\n\nline two ${'x'.repeat(300)}` }), DEFAULT_SETTINGS);
    expect(content.title).toBe('+14155550123 · Order #1234 (SMS)');
    expect(content.body.startsWith('line one line two')).toBe(true);
    expect(content.body.length).toBeLessThanOrEqual(140);
    expect(content.silent).toBe(false);
  });
  it('hides sender and text when "hide content" is on, and is silent without sound', () => {
    const content = messageContent(message({ channel: 'whatsapp' }), { ...DEFAULT_SETTINGS, hideContent: true, sound: false });
    expect(content).toEqual({ title: 'New WhatsApp message', body: 'Open Conversations Desk to read it.', silent: true });
    expect(JSON.stringify(content)).not.toContain('parcel');
    expect(JSON.stringify(content)).not.toContain('4155550123');
  });
});

describe('createNotifier', () => {
  it('shows a notification whose click opens the conversation', () => {
    const { notifier, shown, onClick } = setup();
    expect(notifier.notify(message())).toEqual({ shown: 'message' });
    shown[0]?.click();
    expect(onClick).toHaveBeenCalledWith(sid('a'));
  });

  it('shows nothing for a muted conversation or during do-not-disturb', () => {
    expect(setup().notifier.notify(message({ muted: true }))).toEqual({ skipped: 'muted' });
    const dnd = setup({ doNotDisturb: true });
    expect(dnd.notifier.notify(message())).toEqual({ skipped: 'do-not-disturb' });
    expect(dnd.shown).toHaveLength(0);
  });

  it('coalesces a burst of three within 2 s into one summary, replacing the singles', () => {
    const { notifier, shown, advance, onClick } = setup();
    notifier.notify(message());
    advance(500);
    notifier.notify(message({ conversationSid: sid('b') }));
    advance(500);
    expect(notifier.notify(message())).toEqual({ shown: 'summary' });
    advance(500);
    notifier.notify(message({ conversationSid: sid('c') }));
    const open = shown.filter((n) => !n.closed);
    expect(open.map((n) => n.content.title)).toEqual(['4 new messages']);
    expect(open[0]?.content.body).toBe('4 new messages in 3 conversations.');
    // Several conversations: the click shows the inbox rather than guessing one.
    open[0]?.click();
    expect(onClick).toHaveBeenCalledWith(null);
    expect(notifier.open).toBe(0);
  });

  it('starts a new burst after a quiet gap', () => {
    const { notifier, advance } = setup();
    notifier.notify(message());
    advance(1000);
    notifier.notify(message());
    advance(2500);
    expect(notifier.notify(message())).toEqual({ shown: 'message' });
  });

  it('a summary for one conversation opens that conversation', () => {
    const { notifier, shown, onClick } = setup();
    for (let i = 0; i < 3; i++) notifier.notify(message());
    shown.find((n) => !n.closed)?.click();
    expect(onClick).toHaveBeenCalledWith(sid('a'));
  });
});
