export interface HideableWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  hide(): void;
}

export interface CloseToTrayDeps {
  /** False once the agent chose Quit (tray, menu, Cmd+Q, OS shutdown): then close really closes. */
  isQuitting: () => boolean;
  /** The "keep running in the tray" setting. */
  closeToTray: () => boolean;
  /** Linux desktops without a status area would leave no way back: main passes false there. */
  hasTray: boolean;
  platform: NodeJS.Platform;
}

/**
 * Closing the window hides it instead: on macOS that is what every app does (the dock brings it
 * back), on Windows/Linux the tray icon does. Quitting is explicit.
 */
export function installCloseToTray(window: HideableWindow, deps: CloseToTrayDeps): void {
  window.on('close', (event) => {
    if (deps.isQuitting()) return;
    const hide = deps.platform === 'darwin' || (deps.hasTray && deps.closeToTray());
    if (!hide) return;
    event.preventDefault();
    window.hide();
  });
}
