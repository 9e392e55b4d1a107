/**
 * `conversations-desk://conversation/<CH sid>` links from other apps, the browser or a second
 * launch. Anything that is not exactly that shape is ignored: a link is untrusted input that
 * makes the app act, so there is no "best effort" parsing.
 */
export const DEEP_LINK_SCHEME = 'conversations-desk';

const CONVERSATION_PATH = /^\/(CH[0-9a-f]{32})\/?$/;
// The raw text must already be in this form: the URL parser would quietly normalise
// `conversation/%2e%2e/CH…` or `conversation/x/../CH…` into a valid-looking path.
const RAW_REST = /^conversation\/CH[0-9a-f]{32}\/?$/;
// Far longer than any valid link; refuse before the URL parser sees megabytes.
const MAX_LINK_LENGTH = 256;

/** The conversation SID a link names, or null when the link is not one of ours. */
export function parseDeepLink(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length > MAX_LINK_LENGTH) return null;
  const prefix = `${DEEP_LINK_SCHEME}://`;
  // The scheme is case-insensitive (some launchers upper-case it); nothing else is.
  if (raw.slice(0, prefix.length).toLowerCase() !== prefix || !RAW_REST.test(raw.slice(prefix.length))) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== `${DEEP_LINK_SCHEME}:`) return null;
  if (url.host !== 'conversation' || url.username !== '' || url.password !== '' || url.port !== '') return null;
  if (url.search !== '' || url.hash !== '') return null;
  return CONVERSATION_PATH.exec(url.pathname)?.[1] ?? null;
}

/**
 * Windows and Linux hand the link to the (second) instance as a command-line argument; this finds
 * the argument that claims to be a link (still to be validated by parseDeepLink).
 */
export function deepLinkArgument(argv: readonly string[]): string | null {
  return argv.find((arg) => arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`)) ?? null;
}

export interface DeepLinkRouterDeps {
  /** Tell the renderer to open the conversation. */
  open: (conversationSid: string) => void;
  /** Bring the window forward (a link click means the agent wants to see it). */
  focus: () => void;
  log?: (line: string) => void;
}

export interface DeepLinkRouter {
  /** A raw link from open-url, argv or a notification; invalid ones are logged and dropped. */
  handle(raw: string): void;
  /**
   * The renderer is listening from now on; returns the link it has not acknowledged yet (cold
   * start: the link is in argv or open-url fires before the page has loaded; or the renderer
   * reloaded while it waited for the linked conversation to load).
   */
  takePending(): string | null;
  /** The renderer showed (or gave up on) this conversation: the link is done. */
  acknowledge(conversationSid: string): void;
}

export function createDeepLinkRouter({ open, focus, log = () => {} }: DeepLinkRouterDeps): DeepLinkRouter {
  let pending: string | null = null;
  let rendererListening = false;
  return {
    handle(raw) {
      const sid = parseDeepLink(raw);
      if (!sid) {
        // Only the length: the link itself is untrusted text we do not copy into the log.
        log(`deep link: ignored a link that is not conversations-desk://conversation/<CH sid> (${String(raw).length} characters)`);
        return;
      }
      focus();
      // Kept until the renderer acknowledges it: a page that reloads before opening the
      // conversation (or before it listens again) asks for it once more.
      pending = sid;
      if (rendererListening) open(sid);
    },
    takePending() {
      rendererListening = true;
      return pending;
    },
    acknowledge(conversationSid) {
      if (pending === conversationSid) pending = null;
    },
  };
}

export interface ProtocolApp {
  setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean;
}

/**
 * Registers the scheme with the OS. Unpackaged (development) on Windows the OS must start
 * `electron.exe <app path>`, so the script path is passed along; packaged builds register via the
 * installer (electron-builder `protocols`) and this call only repairs a missing registration.
 */
export function registerProtocolClient(app: ProtocolApp, options: { isPackaged: boolean; execPath: string; appPath: string }): boolean {
  if (options.isPackaged) return app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
  return app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, options.execPath, [options.appPath]);
}
