import { resolve } from 'node:path';
import { startEmulator } from '../emulator';
import type { EmulatorOptions, RunningEmulator } from '../emulator/config';
import { startBrowserTransport, type BrowserTransport } from '../main/browser-transport';
import { createServices, type Services } from '../main/services';
import { createDevSafeStorage } from './dev-safe-storage';
import { serveStatic } from './static-server';

export interface BrowserAppOptions {
  /** Stands in for Electron's user-data folder (profiles, vault, Local workspace data). */
  userDataDir: string;
  /** Built renderer to serve (out/renderer); omit when a dev server serves it. */
  rendererDir?: string;
  /** Origin of a Vite dev server serving the renderer instead. */
  devServerOrigin?: string;
  log?: (line: string) => void;
}

export interface BrowserApp {
  /** Open this in a browser: the renderer with its bridge pointed at the main-process handlers. */
  url: string;
  services: Services;
  transport: BrowserTransport;
  /** The Local workspace's emulator as currently running (tests stop and restart it). */
  emulator(): RunningEmulator | null;
  /**
   * Stops the emulator, runs `whileDown` (if given), then starts it again on the same port and
   * data, as after a crash.
   */
  restartEmulator(whileDown?: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

/**
 * The desktop app without Electron: the real main-process services and IPC handlers served over
 * HTTP, the real renderer in any Chromium. End-to-end tests and `npm run dev:browser` use it.
 */
export async function startBrowserApp(options: BrowserAppOptions): Promise<BrowserApp> {
  const log = options.log ?? (() => undefined);
  let current: RunningEmulator | null = null;
  let lastOptions: EmulatorOptions | null = null;
  const services = createServices({
    userDataDir: options.userDataDir,
    safeStorage: createDevSafeStorage(),
    platform: process.platform,
    startEmulator: async (emulatorOptions) => {
      lastOptions = emulatorOptions;
      current = await startEmulator({ ...emulatorOptions, log });
      return current;
    },
    log,
  });
  const page = options.rendererDir ? await serveStatic(resolve(options.rendererDir)) : null;
  const appOrigin = page?.origin ?? options.devServerOrigin;
  if (!appOrigin) throw new Error('startBrowserApp needs rendererDir or devServerOrigin');
  const transport = await startBrowserTransport({ handlers: services.handlers, events: services.events, allowedOrigins: [appOrigin], log });
  return {
    url: `${appOrigin}/index.html?bridge=${encodeURIComponent(transport.url)}`,
    services,
    transport,
    emulator: () => current,
    async restartEmulator(whileDown) {
      if (!current || !lastOptions) throw new Error('the Local workspace has not started');
      const port = current.port;
      await current.close();
      await whileDown?.();
      current = await startEmulator({ ...lastOptions, port, log });
    },
    async close() {
      await transport.close();
      await services.close();
      if (current) await current.close().catch(() => undefined);
      await new Promise<void>((done) => (page ? page.server.close(() => done()) : done()));
    },
  };
}
