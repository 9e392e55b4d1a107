import { join, resolve } from 'node:path';
import type { EmulatorOptions, RunningEmulator } from '../emulator/config';
import { startBrowserTransport, type BrowserTransport } from '../main/browser-transport';
import { buildCsp } from '../main/csp';
import { allowOriginArgs, emulatorProcessStarter, type SupervisedEmulator } from '../main/emulator-process';
import { freeLoopbackPort } from '../main/free-port';
import { launchDocument } from '../main/launch-document';
import type { Handlers } from '../main/ipc-dispatch';
import { LOCAL_PROFILE_ID } from '../main/profiles';
import { createServices, type Services, type ServicesDeps } from '../main/services';
import type { EventHub } from '../main/events';
import { createTeamService, type TeamService, type TeamServiceDeps } from '../main/team/team-service';
import type { Session } from '../../shared/ipc/contract';
import { createDevSafeStorage } from './dev-safe-storage';
import { nodeEmulatorSpawner } from './emulator-spawner';
import { serveStatic } from './static-server';

export interface BrowserAppOptions {
  /** Stands in for Electron's user-data folder (profiles, vault, Local workspace data). */
  userDataDir: string;
  /** Built renderer to serve (out/renderer); omit when a dev server serves it. */
  rendererDir?: string;
  /** Origin of a Vite dev server serving the renderer instead. */
  devServerOrigin?: string;
  log?: (line: string) => void;
  /**
   * Development and tests only: point Twilio profiles at the Local workspace's emulator instead of
   * twilio.com. "Test connection" connects with the emulator's client options, and a Twilio
   * session handed to the renderer carries them too, so a profile made of the emulator's own
   * credentials (accountSid, apiKeySid, apiKeySecret, serviceSid) works end to end. The app's own
   * defaults (real Twilio, no overrides) are untouched: this only wraps what the browser sees.
   */
  twilioViaEmulator?: boolean;
  /**
   * Tests and benchmarks: sign the Local workspace in as this identity instead of the product's
   * agent (a second agent). Sessions and refreshed tokens name it; everything else is as usual.
   */
  identity?: string;
  /** Use this already running emulator (another app's) as the Local workspace; it is not closed. */
  sharedEmulator?: RunningEmulator;
  /** Tests: builds the profile's team service (e.g. with a long refresh interval). */
  createTeam?: ServicesDeps['createTeam'];
  /**
   * Tests: start the Local workspace's emulator with these REST limits (its CLI's
   * `--max-concurrent-requests` and `--rest-latency-ms`), e.g. to meet Twilio's 429s.
   */
  emulatorLimits?: Pick<EmulatorOptions, 'maxConcurrentRequests' | 'restLatencyMs'>;
  /**
   * Tests: the Local workspace's emulator is started only once this resolves, so a test sees the
   * desk while it is starting however fast the machine starts it.
   */
  beforeEmulatorStarts?: () => Promise<void>;
  /**
   * Tests: how long the served document waits for the launch snapshot's read (100 ms in the app),
   * so a test that needs the snapshot painted gets it on a busy machine too.
   */
  launchSnapshotWaitMs?: number;
  /** Tests: main's team queue refreshes this often (ms) instead of every 20 s. */
  teamRefreshMs?: number;
  /** Where campaigns read segments (tests: an in-memory list; the segments tool otherwise). */
  segments?: ServicesDeps['segments'];
}

export interface BrowserApp {
  /** Open this in a browser: the renderer with its bridge pointed at the main-process handlers. */
  url: string;
  services: Services;
  transport: BrowserTransport;
  /**
   * The Local workspace's emulator as currently running, in a child process of its own (`pid`)
   * that is restarted when it exits, as in the app; tests kill it, stop it and restart it.
   */
  emulator(): (RunningEmulator & Partial<Pick<SupervisedEmulator, 'pid' | 'status' | 'whenUp' | 'restart'>>) | null;
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
  let current: (RunningEmulator & Partial<Pick<SupervisedEmulator, 'pid' | 'status' | 'whenUp' | 'restart'>>) | null = null;
  let lastOptions: EmulatorOptions | null = null;
  const viaEmulator = options.twilioViaEmulator ?? false;
  const emulatorClientOptions = (): Record<string, unknown> | undefined =>
    viaEmulator && current ? { ...current.info.clientOptions } : undefined;
  // Known once the page is served (below). A start asked for before that (a campaign resumed as
  // main starts again) waits for them: spawned without them, the emulator would refuse the page.
  let appOrigins: string[] = [];
  let originsKnown!: () => void;
  const served = new Promise<void>((resolve) => (originsKnown = resolve));
  // The same supervision as the app's utility process, with a Node child process running the CLI.
  const startEmulator = (emulatorOptions: EmulatorOptions) =>
    emulatorProcessStarter({ spawn: nodeEmulatorSpawner(), extraArgs: allowOriginArgs(appOrigins), log })(emulatorOptions);
  const services = createServices({
    userDataDir: options.userDataDir,
    safeStorage: createDevSafeStorage(join(options.userDataDir, 'dev-safe-storage.key')),
    platform: process.platform,
    // A second agent's main acts as that agent too (the profile still names the product's agent).
    createTeam: teamFactory(options),
    segments: options.segments,
    startEmulator: async (emulatorOptions) => {
      lastOptions = { ...emulatorOptions, ...options.emulatorLimits };
      await served;
      await options.beforeEmulatorStarts?.();
      const shared = options.sharedEmulator;
      current = shared ? { ...shared, close: async () => undefined } : await startEmulator(lastOptions);
      return current;
    },
    // As in the app: the emulator's origin is known before it runs, for the page's CSP.
    reservePort: freeLoopbackPort,
    // Read on every test, so it follows the emulator across restarts (and is absent until it runs).
    get testClientOptions() {
      return emulatorClientOptions();
    },
    log,
  });
  const redirect = (session: Session): Session => {
    const clientOptions = session.kind === 'twilio' ? emulatorClientOptions() : undefined;
    return clientOptions ? { ...session, clientOptions } : session;
  };
  const redirected = viaEmulator ? redirectTwilioSessions(services.handlers, redirect) : services.handlers;
  const handlers = options.identity ? localIdentity(redirected, options.identity, () => current, services) : redirected;
  const events: Pick<EventHub, 'subscribe'> = viaEmulator
    ? {
        subscribe: (listener) =>
          services.events.subscribe((channel, payload) =>
            listener(channel, channel === 'session:changed' ? { session: redirect((payload as { session: Session }).session) } : payload),
          ),
      }
    : services.events;
  // The page gets the app's CSP (plus this harness's bridge), so tests run under the app's rules.
  const emulatorOrigin = options.sharedEmulator ? new URL(options.sharedEmulator.info.restBaseUrl).origin : await services.local.plannedOrigin();
  let bridgeUrl: string | null = null;
  const csp = () => buildCsp({ emulatorOrigin, bridgeUrl });
  const page = options.rendererDir ? await serveStatic(resolve(options.rendererDir), { csp, document: launchDocument(services.launchAhead, options.launchSnapshotWaitMs) }) : null;
  const appOrigin = page?.origin ?? options.devServerOrigin;
  if (!appOrigin) throw new Error('startBrowserApp needs rendererDir or devServerOrigin');
  appOrigins = [appOrigin];
  originsKnown();
  // Another app's emulator (a second agent in the bench) lets this page in too.
  await options.sharedEmulator?.allowOrigin(appOrigin);
  const transport = await startBrowserTransport({ handlers, events, allowedOrigins: [appOrigin], log, t: services.t });
  bridgeUrl = transport.url;
  return {
    url: `${appOrigin}/index.html?bridge=${encodeURIComponent(transport.url)}`,
    services,
    transport,
    emulator: () => current,
    async restartEmulator(whileDown) {
      if (!current || !lastOptions) throw new Error('the Local workspace has not started');
      // Ours restarts in place: the Local workspace keeps the same handle and waits for it.
      if (current.restart) return current.restart(whileDown);
      const port = current.port;
      await current.close();
      await whileDown?.();
      current = await startEmulator({ ...lastOptions, port });
    },
    async close() {
      await transport.close();
      await services.close();
      if (current) await current.close().catch(() => undefined);
      await new Promise<void>((done) => (page ? page.server.close(() => done()) : done()));
    },
  };
}

/**
 * The team service as the app builds it (or as the test's `createTeam` does), acting as the
 * second agent's `identity` when given, refreshing its queue every `teamRefreshMs` when given.
 */
function teamFactory(options: Pick<BrowserAppOptions, 'identity' | 'createTeam' | 'teamRefreshMs'>): ((deps: TeamServiceDeps) => TeamService) | undefined {
  if (!options.identity && options.teamRefreshMs === undefined) return options.createTeam;
  const create = options.createTeam ?? createTeamService;
  return (deps) =>
    create({
      ...deps,
      ...(options.identity ? { identity: options.identity } : {}),
      ...(options.teamRefreshMs !== undefined ? { queue: { ...deps.queue, intervalMs: options.teamRefreshMs } } : {}),
    });
}

/** The same handlers, with the Local workspace's sessions and tokens minted for `identity`. */
function localIdentity(handlers: Handlers, identity: string, emulator: () => RunningEmulator | null, services: Services): Handlers {
  const asIdentity = (session: Session): Session => {
    const running = emulator();
    return session.kind === 'local' && running ? { ...session, identity, token: running.mintToken(identity) } : session;
  };
  return {
    ...handlers,
    'profiles:activate': async (request) => asIdentity(await handlers['profiles:activate'](request)),
    'session:current': async (request) => asIdentity(await handlers['session:current'](request)),
    'session:refreshToken': async (request) => {
      const running = emulator();
      const local = (await services.profiles.activeId()) === LOCAL_PROFILE_ID;
      return local && running ? { token: running.mintToken(identity) } : handlers['session:refreshToken'](request);
    },
  };
}

/** The same handlers, with every Twilio session they return passed through `redirect`. */
function redirectTwilioSessions(handlers: Handlers, redirect: (session: Session) => Session): Handlers {
  return {
    ...handlers,
    'profiles:activate': async (request) => redirect(await handlers['profiles:activate'](request)),
    'session:current': async (request) => redirect(await handlers['session:current'](request)),
  };
}
