import { CHANNEL_PREFIX, wireChannel } from '../../shared/ipc/contract';
import { isAppUrl } from './app-url';
import type { Translate } from './desktop/locale';
import { dispatch, invokeChannels, type Handlers } from './ipc-dispatch';

/** The part of an IpcMainInvokeEvent the sender check reads (Electron's event satisfies it). */
export interface InvokeEventLike {
  senderFrame: { url: string; parent: unknown } | null;
}

/** The part of Electron's ipcMain used here; tests pass a fake. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export type IsTrustedSender = (event: InvokeEventLike) => boolean;

export interface IpcDeps {
  ipcMain: IpcMainLike;
  handlers: Handlers;
  isTrustedSender: IsTrustedSender;
  log?: (line: string) => void;
  /** Main's locale-following `t`, for validation messages; English without. */
  t?: Translate;
}

/**
 * Only the app's own page, in its main frame, may call: an iframe or a page reached by some
 * navigation bug gets nothing (after VS Code's validatedIpcMain).
 */
export function trustedSenderCheck(appUrl: string): IsTrustedSender {
  return (event) => {
    const frame = event.senderFrame;
    return frame !== null && frame.parent === null && isAppUrl(frame.url, appUrl);
  };
}

const senderUrl = (event: InvokeEventLike): string => {
  try {
    return event.senderFrame?.url ?? 'a frame that is gone';
  } catch {
    return 'a frame that is gone';
  }
};

const installedOn = new WeakSet<IpcMainLike>();

/** Registers every contract channel; returns a function that removes them again. */
export function installIpc({ ipcMain, handlers, isTrustedSender, log = () => {}, t }: IpcDeps): () => void {
  if (installedOn.has(ipcMain)) throw new Error('installIpc: already installed on this ipcMain');
  installedOn.add(ipcMain);

  for (const channel of invokeChannels) {
    const wire = wireChannel(channel);
    if (!wire.startsWith(CHANNEL_PREFIX)) throw new Error(`Channel ${wire} lacks the ${CHANNEL_PREFIX} prefix`);
    ipcMain.handle(wire, async (event, payload) => {
      let trusted = false;
      try {
        trusted = isTrustedSender(event);
      } catch {
        // A destroyed frame throws on access: treat as untrusted.
      }
      if (!trusted) {
        log(`ipc: refused ${channel} from ${senderUrl(event)}`);
        return { ok: false, error: { code: 'denied', message: 'This page may not call Conversations Desk.' } };
      }
      return dispatch(handlers, channel, payload, log, t);
    });
  }

  return () => {
    for (const channel of invokeChannels) ipcMain.removeHandler(wireChannel(channel));
    installedOn.delete(ipcMain);
  };
}
