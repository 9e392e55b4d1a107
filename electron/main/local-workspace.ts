import { join } from 'node:path';
import { z } from 'zod';
import type { EmulatorOptions, RunningEmulator } from '../emulator/config';
import { DEMO_SMS_NUMBER, DEMO_WHATSAPP_NUMBER } from '../emulator/seed/demo';
import type { LocalStatus, Session, SimulateInbound, WorkspaceInfo } from '../../shared/ipc/contract';
import { readFileIfExists, writeFileAtomic } from './atomic-file';
import { english, type Translate } from './desktop/locale';
import { DeskError } from './errors';
import { LOCAL_PROFILE_ID } from './profiles';
import { mintChatToken } from './tokens';

/** Twilio's magic test number for SMS (+15005550006) and its WhatsApp sandbox number, as the demo seed owns them. */
export const LOCAL_PROXY_NUMBERS = { sms: DEMO_SMS_NUMBER, whatsapp: DEMO_WHATSAPP_NUMBER } as const;

/**
 * What the workspace needs of a started emulator. One in its own process (emulator-process.ts)
 * also says when it is up again after a restart and reports its status; one in-process (tests)
 * is simply always up.
 */
export type WorkspaceEmulator = Pick<RunningEmulator, 'info' | 'port' | 'close'> & {
  whenUp?(): Promise<void>;
  onStatus?(listener: (status: LocalStatus) => void): () => void;
};

export type StartEmulator = (options: EmulatorOptions) => Promise<WorkspaceEmulator>;

export interface LocalWorkspaceDeps {
  startEmulator: StartEmulator;
  /** Electron's userData folder; the workspace keeps `local-workspace/` and `local-workspace.json` there. */
  userDataDir: string;
  /** The agent's identity in the Local workspace. */
  identity: string;
  /** Other agents the demo seed creates (shown for assigning and mentions). */
  agents: readonly string[];
  tokenTtlSeconds?: number;
  /**
   * A free loopback port to use on the first launch (no port remembered yet), so the origin is
   * known before the emulator is up: the window's CSP names it while the emulator still starts.
   * Without it the emulator picks a port (0).
   */
  reservePort?: () => Promise<number>;
  fetch?: typeof fetch;
  log?: (line: string) => void;
  /** Words the window shows (validation, start failures) in the desk's language; English by default. */
  t?: Translate;
}

export interface LocalWorkspaceEndpoint {
  port: number;
  /** `http://127.0.0.1:PORT`: the origin the CSP must allow. */
  origin: string;
  restBaseUrl: string;
}

export interface LocalWorkspace {
  /** Starts the emulator once; later calls return the same endpoint. */
  start(): Promise<LocalWorkspaceEndpoint>;
  /**
   * The origin the emulator will listen on (remembered or reserved port), known before it is up;
   * null when it can only be known once it runs. `start()`'s endpoint is the truth if they differ.
   */
  plannedOrigin(): Promise<string | null>;
  status(): LocalStatus;
  onStatus(listener: (status: LocalStatus) => void): () => void;
  session(): Promise<Session>;
  refreshToken(): Promise<string>;
  workspaceInfo(): WorkspaceInfo;
  simulateInbound(request: SimulateInbound): Promise<{ conversationSid: string; messageSid: string }>;
  /** Main-only: the emulator's REST credentials and base, for the team service's REST client. */
  restAccess(): Promise<{ accountSid: string; apiKeySid: string; apiKeySecret: string; serviceSid: string; restBaseUrl: string }>;
  /** Main-only: what signs the emulator's webhooks (its auth token) and reaches its control API. */
  webhookAccess(): Promise<{ accountSid: string; authToken: string; restBaseUrl: string }>;
  close(): Promise<void>;
}

const portFileSchema = z.object({ port: z.number().int().min(1).max(65535) });
// The emulator's reply; snake_case accepted too so a Twilio-style reply also works.
const inboundReplySchema = z.union([
  z.object({ conversationSid: z.string(), messageSid: z.string() }),
  z
    .object({ conversation_sid: z.string(), message_sid: z.string() })
    .transform((r) => ({ conversationSid: r.conversation_sid, messageSid: r.message_sid })),
]);
const E164 = /^\+[1-9]\d{6,14}$/;
const WHATSAPP_PREFIX = 'whatsapp:';

/** "+1 (415) 555-0123" or "whatsapp:+14155550123" → "+14155550123", or null when not a number. */
export function toE164(raw: string): string | null {
  const bare = raw.startsWith(WHATSAPP_PREFIX) ? raw.slice(WHATSAPP_PREFIX.length) : raw;
  const compact = bare.replace(/[\s().-]/g, '');
  return E164.test(compact) ? compact : null;
}

/** The form the emulator's /emulator/inbound expects, named like Twilio's inbound webhook. */
export function inboundForm(request: SimulateInbound, t: Translate = english): URLSearchParams {
  const prefix = request.channel === 'whatsapp' ? WHATSAPP_PREFIX : '';
  const from = toE164(request.from);
  if (!from) {
    const message = t('errors.localWorkspace.customerNumber', { example: '+14155550123' });
    throw new DeskError('invalid-input', message, { from: message });
  }
  let to: string = LOCAL_PROXY_NUMBERS[request.channel];
  if (request.to) {
    const proxy = toE164(request.to);
    if (!proxy) {
      const message = t('errors.localWorkspace.businessNumber', { example: '+15005550006' });
      throw new DeskError('invalid-input', message, { to: message });
    }
    to = `${prefix}${proxy}`;
  }
  const form = new URLSearchParams({ From: `${prefix}${from}`, To: to, Body: request.body });
  if (request.media) {
    // Offline there is no URL to fetch media from (Twilio sends MediaUrl0), so the bytes travel inline.
    form.set('NumMedia', '1');
    form.set('MediaFilename0', request.media.filename);
    form.set('MediaContentType0', request.media.contentType);
    form.set('MediaBase64_0', request.media.data);
  } else {
    form.set('NumMedia', '0');
  }
  return form;
}

export function createLocalWorkspace(deps: LocalWorkspaceDeps): LocalWorkspace {
  const { startEmulator, userDataDir, identity, agents, tokenTtlSeconds, log = () => {}, t = english } = deps;
  const fetchImpl = deps.fetch ?? fetch;
  const reservePort = deps.reservePort ?? (() => Promise.resolve(0));
  const portFile = join(userDataDir, 'local-workspace.json');
  const dataDir = join(userDataDir, 'local-workspace');
  let starting: Promise<WorkspaceEmulator> | null = null;
  let planned: Promise<number> | null = null;
  let status: LocalStatus = { state: 'starting', message: null };
  const listeners = new Set<(status: LocalStatus) => void>();
  const setStatus = (next: LocalStatus) => {
    if (next.state === status.state && next.message === status.message) return;
    status = next;
    for (const listener of listeners) listener({ ...next });
  };

  const rememberedPort = async (): Promise<number> => {
    const bytes = await readFileIfExists(portFile);
    if (!bytes) return 0;
    try {
      const parsed = portFileSchema.safeParse(JSON.parse(bytes.toString('utf8')));
      return parsed.success ? parsed.data.port : 0;
    } catch {
      return 0;
    }
  };
  // Remembered, else reserved now: the same answer for the CSP and for the launch.
  const plannedPort = (): Promise<number> => {
    planned ??= rememberedPort()
      .then(async (port) => port || (await reservePort().catch(() => 0)))
      .catch(() => 0);
    return planned;
  };

  const launch = async (): Promise<WorkspaceEmulator> => {
    const options = { dataDir, seed: 'demo', log } as const;
    const port = await plannedPort();
    let emulator: WorkspaceEmulator;
    try {
      emulator = await startEmulator({ ...options, port });
    } catch (error) {
      if (port === 0) throw error;
      // Usually another program took the port; a new port only costs the renderer a reconnect.
      log(`local workspace: port ${port} unavailable (${(error as Error).message}); using a free port`);
      emulator = await startEmulator({ ...options, port: 0 });
    }
    // Same port next launch: tokens and URLs the renderer holds keep working across restarts.
    if (emulator.port !== (await rememberedPort())) await writeFileAtomic(portFile, `${JSON.stringify({ port: emulator.port })}\n`);
    emulator.onStatus?.(setStatus);
    return emulator;
  };

  const started = (): Promise<WorkspaceEmulator> => {
    if (!starting) {
      setStatus({ state: 'starting', message: null });
      starting = launch().then(
        (emulator) => {
          setStatus({ state: 'running', message: null });
          return emulator;
        },
        (error: unknown) => {
          starting = null;
          planned = null;
          const message = t('errors.localWorkspace.couldNotStart', { reason: (error as Error).message });
          setStatus({ state: 'failed', message });
          throw new DeskError('unavailable', message);
        },
      );
    }
    return starting;
  };

  /** The emulator once it serves: after a crash, once it has been restarted. */
  const running = async (): Promise<WorkspaceEmulator> => {
    const pending = started();
    const emulator = await pending;
    try {
      await emulator.whenUp?.();
    } catch (error) {
      // It gave up after repeated crashes: the next request (the banner's Retry) starts it afresh.
      if (starting === pending) {
        starting = null;
        planned = null;
        await emulator.close().catch(() => undefined);
      }
      throw new DeskError('unavailable', (error as Error).message);
    }
    return emulator;
  };

  const token = (emulator: WorkspaceEmulator): string =>
    mintChatToken({
      accountSid: emulator.info.accountSid,
      apiKeySid: emulator.info.apiKeySid,
      apiKeySecret: emulator.info.apiKeySecret,
      serviceSid: emulator.info.serviceSid,
      identity,
      ttlSeconds: tokenTtlSeconds,
    });

  return {
    async start() {
      const emulator = await started();
      return {
        port: emulator.port,
        origin: `http://127.0.0.1:${emulator.port}`,
        restBaseUrl: emulator.info.restBaseUrl,
      };
    },

    async plannedOrigin() {
      const port = await plannedPort();
      return port ? `http://127.0.0.1:${port}` : null;
    },

    status: () => ({ ...status }),

    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async session() {
      const emulator = await running();
      return {
        profileId: LOCAL_PROFILE_ID,
        kind: 'local',
        identity,
        token: token(emulator),
        clientOptions: { ...emulator.info.clientOptions },
        emulatorUrl: emulator.info.restBaseUrl,
      };
    },

    async refreshToken() {
      return token(await running());
    },

    workspaceInfo() {
      return { proxyNumbers: { ...LOCAL_PROXY_NUMBERS }, agents: [...agents] };
    },

    async simulateInbound(request) {
      const form = inboundForm(request, t);
      const { info } = await running();
      const url = `${info.restBaseUrl.replace(/\/+$/, '')}/emulator/inbound`;
      const auth = Buffer.from(`${info.accountSid}:${info.authToken}`).toString('base64');
      const response = await fetchImpl(url, {
        method: 'POST',
        headers: { Authorization: `Basic ${auth}`, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      });
      const text = await response.text();
      let body: unknown = null;
      try {
        body = JSON.parse(text);
      } catch {
        // Reported below with the status.
      }
      if (!response.ok) {
        const detail = (body as { message?: unknown } | null)?.message;
        const reason = typeof detail === 'string' ? detail : text.slice(0, 200);
        throw new DeskError('unavailable', t('errors.localWorkspace.refused', { status: response.status, reason }));
      }
      const parsed = inboundReplySchema.safeParse(body);
      if (!parsed.success) throw new DeskError('internal', t('errors.localWorkspace.badReply'));
      return parsed.data;
    },

    async restAccess() {
      const { info } = await running();
      return { accountSid: info.accountSid, apiKeySid: info.apiKeySid, apiKeySecret: info.apiKeySecret, serviceSid: info.serviceSid, restBaseUrl: info.restBaseUrl };
    },

    async webhookAccess() {
      const { info } = await running();
      return { accountSid: info.accountSid, authToken: info.authToken, restBaseUrl: info.restBaseUrl };
    },

    async close() {
      const current = starting;
      starting = null;
      listeners.clear();
      if (current) await (await current.catch(() => null))?.close();
    },
  };
}
