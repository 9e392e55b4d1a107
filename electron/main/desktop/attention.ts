/** The parts of a window and the macOS dock that ask for the agent's attention. */
export interface AttentionWindow {
  isFocused(): boolean;
  isDestroyed(): boolean;
  flashFrame(flag: boolean): void;
  once(event: 'focus', listener: () => void): unknown;
}

export interface AttentionDeps {
  platform: NodeJS.Platform;
  window: () => AttentionWindow | null;
  /** app.dock on macOS, absent elsewhere. */
  dock?: { bounce(type?: 'critical' | 'informational'): number } | undefined;
}

/**
 * A new customer message while the window is in the background: bounce the dock icon once
 * (macOS) or flash the taskbar button until the window is focused (Windows/Linux).
 */
export function requestAttention({ platform, window, dock }: AttentionDeps): 'bounced' | 'flashed' | 'focused' | 'none' {
  const w = window();
  if (!w || w.isDestroyed()) return 'none';
  if (w.isFocused()) return 'focused';
  if (platform === 'darwin') {
    dock?.bounce('informational');
    return 'bounced';
  }
  w.flashFrame(true);
  w.once('focus', () => w.flashFrame(false));
  return 'flashed';
}
