import type { LocalWorkspace } from './local-workspace';

export interface OpenDeskDeps {
  /** Settings decide close-to-tray and notifications from the first moment. */
  settingsLoaded: Promise<void>;
  local: Pick<LocalWorkspace, 'start' | 'plannedOrigin'>;
  /** Installs the CSP (asking `emulatorOrigin()` per document) and the IPC handlers. */
  secure(emulatorOrigin: () => string | null): void;
  /** Creates the window (and the desktop pieces around it). */
  openWindow(): Promise<void> | void;
  /** The emulator came up on another origin than planned: the page reloads to get a CSP naming it. */
  reloadWindow(): void;
  log?: (line: string) => void;
}

/**
 * Launch order: the emulator's process is started first but never awaited, so the window opens
 * at once; the renderer shows "Starting the Local workspace…" and its session request is answered
 * when the emulator is up. Only the emulator's origin is awaited (a remembered or reserved port:
 * a file read and a bind), because the window's CSP must name it.
 */
export async function openDesk({ settingsLoaded, local, secure, openWindow, reloadWindow, log = () => {} }: OpenDeskDeps): Promise<{ emulator: Promise<void> }> {
  let planned: string | null = null;
  let actual: string | null = null;
  const origin = () => actual ?? planned;
  const emulator = local.start().then(
    (endpoint) => {
      const before = origin();
      actual = endpoint.origin;
      if (before === actual) return;
      log(`local workspace: listening on ${actual}, not the planned ${before ?? 'port'}; reloading the window`);
      reloadWindow();
    },
    // Twilio profiles still work; the renderer shows the Local workspace's failure.
    (error: unknown) => log(`local workspace did not start: ${(error as Error).message}`),
  );
  await settingsLoaded;
  planned = await local.plannedOrigin().catch(() => null);
  secure(origin);
  await openWindow();
  return { emulator };
}
