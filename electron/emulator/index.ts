import type { AddressInfo } from 'node:net';
import AccessToken from 'twilio/lib/jwt/AccessToken';
import { verifyAccessToken } from './auth/access-token';
import { loadOrCreateCredentials } from './auth/credentials';
import { EmulatorClock } from './clock';
import { ContentStore } from './content/store';
import type { EmulatorInfo, EmulatorOptions, RunningEmulator } from './config';
import { Delivery } from './conversations/delivery';
import { ConversationsService } from './conversations/service';
import { controlMount } from './control/control-mount';
import { EmulatorSettings } from './control/settings';
import { normalizeOrigin } from './http/access';
import { DEFAULT_HTTP_LIMITS } from './http/limits';
import { controlRoute, restRoute } from './http/policies';
import { createHttpServer } from './http/server';
import { mediaMount } from './mcs/media-routes';
import { DEFAULT_MAX_CONCURRENT_REQUESTS, restMount } from './rest/mount';
import { seedDemo, upgradeDemoAgentRoles } from './seed/demo';
import { seedLoad } from './seed/load';
import { seedQueue } from './seed/queue';
import { Db } from './store/db';
import { SyncEngine } from './sync/engine';
import { clientRoutes } from './tunnel/client-routes';
import { clientUrls } from './tunnel/client-responses';
import { syncRoutes } from './tunnel/sync-routes';
import { TwilsockHub } from './twilsock/hub';
import { ApiWebhookGate } from './webhooks/api-gate';
import { WebhookConfigStore } from './webhooks/config-store';
import { WebhookDispatcher } from './webhooks/dispatcher';

export type { EmulatorInfo, EmulatorOptions, RunningEmulator } from './config';

const HOST = '127.0.0.1';
/** twilsock's path: the SDK opens exactly the URI in clientOptions. */
const TWILSOCK_PATH = '/v3/wsconnect';
const RECONNECT_POLICY = { min: 100, max: 2000, randomness: 0.2 };

/** Starts the emulator: twilsock, Sync, Conversations, media, REST and the control API on one port. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const log = options.log ?? (() => undefined);
  const limits = { ...DEFAULT_HTTP_LIMITS, ...options.limits };
  const allowedOrigins = (options.allowedOrigins ?? []).map(normalizeOrigin);
  const db = Db.open(options.dataDir);
  const fresh = db.isEmpty;
  const creds = loadOrCreateCredentials(db);
  const verify = (token: string) =>
    verifyAccessToken(token, {
      accountSid: creds.accountSid,
      serviceSid: creds.serviceSid,
      secretFor: (sid) => (sid === creds.apiKeySid ? creds.apiKeySecret : undefined),
    });

  let origin = '';
  const clock = EmulatorClock.of(db);
  const sync = new SyncEngine(db, 'https://cds.us1.twilio.com', { accountSid: creds.accountSid, serviceSid: creds.serviceSid }, { now: () => clock.now() });
  const service = new ConversationsService(db, sync, creds, { clock, conversationsPerIdentity: options.conversationsPerIdentity });
  const delivery = new Delivery(db, service);
  const content = new ContentStore(db, () => clock.nowIso());
  const media = mediaMount({ db, service, origin: () => origin, signingKey: creds.authToken, verify, limits });
  const webhookConfigs = new WebhookConfigStore(db);
  const webhookGate = new ApiWebhookGate();
  const webhooks = new WebhookDispatcher({ service, configs: webhookConfigs, gate: webhookGate, authToken: creds.authToken, log, nowIso: () => clock.nowIso() });
  const settings = new EmulatorSettings(db, clock);
  const rest = restMount({
    service,
    phoneNumbers: { list: () => settings.incomingPhoneNumbers() },
    creds,
    webhookConfigs,
    content,
    gate: webhookGate,
    origin: () => origin,
    log,
    // Pacing and the 429 limit live in the HTTP layer, which sees a request from arrival to its last byte.
    maxConcurrentRequests: Number.MAX_SAFE_INTEGER,
  });
  const allowOrigin = (value: string): void => {
    const normalized = normalizeOrigin(value);
    if (!allowedOrigins.includes(normalized)) allowedOrigins.push(normalized);
  };
  const origins = { allow: allowOrigin, list: () => [...allowedOrigins] };
  const control = controlMount({ creds, service, settings, delivery, storeMedia: media.store, origins, clock, webhookDeliveries: () => webhooks.deliveries.list() });
  if (fresh && options.seed === 'demo') seedDemo({ service, settings, delivery, storeMedia: media.store, content });
  if (!fresh && options.seed === 'demo') upgradeDemoAgentRoles(service);
  const load = fresh && typeof options.seed === 'object' && 'load' in options.seed ? options.seed.load : null;
  if (load) delivery.asHistory(() => seedLoad(service, load));
  const queue = fresh && typeof options.seed === 'object' && 'queue' in options.seed ? options.seed.queue : null;
  if (queue) delivery.asHistory(() => seedQueue(service, queue, Date.now(), () => db.commit()));
  const hub = new TwilsockHub({
    db,
    sync,
    service,
    verify,
    log,
    limits,
    routers: [syncRoutes(sync), clientRoutes(service, clientUrls(creds.serviceSid, `http://${HOST}:0`), content)],
  });

  let port = 0;
  const server = createHttpServer({
    routes: [{ mount: media, policy: media.policy }, controlRoute(control, creds, limits), restRoute(rest, creds, limits)],
    access: { port: () => port, allowedOrigins },
    limits,
    rest: { maxConcurrent: options.maxConcurrentRequests ?? DEFAULT_MAX_CONCURRENT_REQUESTS, latencyMs: options.restLatencyMs ?? 0 },
    upgradePath: TWILSOCK_PATH,
    upgrade: (req, socket, head) => hub.handleUpgrade(req, socket, head),
    afterRequest: () => db.commitDurably(),
    log,
    now: () => clock.now(),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  origin = `http://${HOST}:${port}`;
  // Links in Configuration name the media origin, known only once the port is bound.
  hub.setRouters([syncRoutes(sync), clientRoutes(service, clientUrls(creds.serviceSid, origin), content)]);
  db.commit();

  const wsUri = `ws://${HOST}:${port}${TWILSOCK_PATH}`;
  const info: EmulatorInfo = {
    accountSid: creds.accountSid,
    authToken: creds.authToken,
    apiKeySid: creds.apiKeySid,
    apiKeySecret: creds.apiKeySecret,
    serviceSid: creds.serviceSid,
    restBaseUrl: origin,
    clientOptions: {
      Twilsock: { uri: wsUri },
      twilsock: { uri: wsUri },
      Sync: { enableSessionStorage: false },
      // twilsock's reconnect backoff (default 1 s doubling to 2 min) is tuned for a remote service;
      // a restarted local emulator is back within a second, so retry soon and never wait long.
      retryPolicy: RECONNECT_POLICY,
    },
  };

  return {
    info,
    port,
    mintToken(identity: string, ttlSeconds = 3600): string {
      const token = new AccessToken(creds.accountSid, creds.apiKeySid, creds.apiKeySecret, { identity, ttl: ttlSeconds });
      token.addGrant(new AccessToken.ChatGrant({ serviceSid: creds.serviceSid }));
      return token.toJwt();
    },
    allowOrigin: async (value) => allowOrigin(value),
    dropConnections: (identity) => hub.dropAll(identity),
    async close() {
      delivery.close();
      service.close();
      webhooks.close();
      await hub.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      media.close();
      db.close();
    },
  };
}
