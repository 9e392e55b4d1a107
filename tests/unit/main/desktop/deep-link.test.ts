import { describe, expect, it, vi } from 'vitest';
import { createDeepLinkRouter, deepLinkArgument, parseDeepLink, registerProtocolClient } from '../../../../electron/main/desktop/deep-link';

const SID = `CH${'0123456789abcdef'.repeat(2)}`;

describe('parseDeepLink', () => {
  it('accepts exactly conversations-desk://conversation/<CH sid>', () => {
    expect(parseDeepLink(`conversations-desk://conversation/${SID}`)).toBe(SID);
    expect(parseDeepLink(`conversations-desk://conversation/${SID}/`)).toBe(SID);
    expect(parseDeepLink(`CONVERSATIONS-DESK://conversation/${SID}`)).toBe(SID);
  });

  it.each([
    ['another scheme', `https://conversation/${SID}`],
    ['a lookalike scheme', `conversations-desk-evil://conversation/${SID}`],
    ['another host', `conversations-desk://settings/${SID}`],
    ['a host in another case', `conversations-desk://Conversation/${SID}`],
    ['a short sid', `conversations-desk://conversation/CH123`],
    ['uppercase hex', `conversations-desk://conversation/CH${'ABCDEF0123456789'.repeat(2)}`],
    ['another sid type', `conversations-desk://conversation/IS${'0'.repeat(32)}`],
    ['extra path', `conversations-desk://conversation/${SID}/messages`],
    ['a query', `conversations-desk://conversation/${SID}?x=1`],
    ['a fragment', `conversations-desk://conversation/${SID}#x`],
    ['credentials', `conversations-desk://user:pw@conversation/${SID}`],
    ['a port', `conversations-desk://conversation:8080/${SID}`],
    ['encoded traversal', `conversations-desk://conversation/%2e%2e/${SID}`],
    ['dot segments', `conversations-desk://conversation/x/../${SID}`],
    ['not a url', 'conversations-desk:'],
    ['a huge string', `conversations-desk://conversation/${SID}${'a'.repeat(10_000)}`],
    ['a non-string', 42],
  ])('refuses %s', (_label, link) => {
    expect(parseDeepLink(link)).toBeNull();
  });
});

describe('deepLinkArgument', () => {
  it('finds the link among Chromium switches and the app path', () => {
    expect(deepLinkArgument(['/opt/desk/desk', '--allow-file-access', `conversations-desk://conversation/${SID}`])).toBe(
      `conversations-desk://conversation/${SID}`,
    );
    expect(deepLinkArgument(['/opt/desk/desk', '--flag'])).toBeNull();
  });
});

describe('createDeepLinkRouter', () => {
  const setup = () => {
    const open = vi.fn();
    const focus = vi.fn();
    const log = vi.fn();
    return { router: createDeepLinkRouter({ open, focus, log }), open, focus, log };
  };

  it('keeps a cold-start link until the renderer takes it, then delivers live', () => {
    const { router, open, focus } = setup();
    router.handle(`conversations-desk://conversation/${SID}`);
    expect(open).not.toHaveBeenCalled();
    expect(focus).toHaveBeenCalledOnce();
    expect(router.takePending()).toBe(SID);
    router.acknowledge(SID);
    expect(router.takePending()).toBeNull();
    router.handle(`conversations-desk://conversation/${SID}`);
    expect(open).toHaveBeenCalledWith(SID);
  });

  it('keeps a link until the renderer acknowledges it, so a reload in between does not lose it', () => {
    const { router, open } = setup();
    router.takePending();
    const other = `CH${'b'.repeat(32)}`;
    router.handle(`conversations-desk://conversation/${SID}`);
    expect(open).toHaveBeenCalledWith(SID);
    // The page reloads before it opened the conversation: the new page asks again.
    expect(router.takePending()).toBe(SID);
    expect(router.takePending()).toBe(SID);
    // An acknowledgement for another (older) link leaves this one pending.
    router.acknowledge(other);
    expect(router.takePending()).toBe(SID);
    router.acknowledge(SID);
    expect(router.takePending()).toBeNull();
  });

  it('drops invalid links without focusing, and does not copy them into the log', () => {
    const { router, open, focus, log } = setup();
    router.takePending();
    router.handle('conversations-desk://conversation/<script>alert(1)</script>');
    expect(open).not.toHaveBeenCalled();
    expect(focus).not.toHaveBeenCalled();
    expect(log.mock.calls[0]?.[0]).not.toContain('script');
  });
});

describe('registerProtocolClient', () => {
  it('registers the scheme, passing the app path when unpackaged', () => {
    const app = { setAsDefaultProtocolClient: vi.fn(() => true) };
    registerProtocolClient(app, { isPackaged: true, execPath: '/x', appPath: '/a' });
    registerProtocolClient(app, { isPackaged: false, execPath: '/electron', appPath: '/repo' });
    expect(app.setAsDefaultProtocolClient.mock.calls).toEqual([['conversations-desk'], ['conversations-desk', '/electron', ['/repo']]]);
  });
});
