/** Options and the published contract of the local Twilio emulator. Imports nothing from electron. */
import type { HttpLimits } from './http/limits';
import type { LoadSeedOptions } from './seed/load';
import type { QueueSeedOptions } from './seed/queue';

export interface EmulatorOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one. */
  port?: number;
  /** Folder for persistent state; in memory when absent. */
  dataDir?: string;
  /**
   * Seed a fresh data dir (no effect when the data dir already holds state): the demo inbox, or a
   * synthetic agent-scale workspace (`{ load }`), or a service-wide team backlog (`{ queue }`), for benchmarks.
   */
  seed?: 'demo' | 'none' | { load: LoadSeedOptions } | { queue: QueueSeedOptions };
  /** Above this many REST requests in flight the public API answers 429. */
  maxConcurrentRequests?: number;
  /**
   * Every REST request takes at least this long (ms) from arrival to answer, its handling
   * included, as Twilio's take time: with it, a burst of requests overlaps and the 429 limit and
   * `Twilio-Concurrent-Requests` show real counts.
   */
  restLatencyMs?: number;
  /**
   * Browser origins allowed to call the emulator (CORS) and open twilsock (WebSocket Origin):
   * the app's own renderer, e.g. `app://desk` or the dev server's `http://127.0.0.1:5173`.
   * Requests without an Origin (Node clients, curl) are always allowed; any other page is refused.
   */
  allowedOrigins?: readonly string[];
  /**
   * Active or inactive conversations one chat identity may be in; Twilio's 1,000 when absent
   * (tests lower it to reach the limit quickly).
   */
  conversationsPerIdentity?: number;
  /** Overrides of the HTTP layer's limits (tests); the defaults follow Twilio's. */
  limits?: Partial<HttpLimits>;
  /** Where diagnostic lines go; stderr in the CLI, silent by default. */
  log?: (line: string) => void;
}

/** Options object handed to the SDK as `new Client(token, clientOptions)`. */
export interface EmulatorClientOptions {
  Twilsock: { uri: string };
  twilsock: { uri: string };
  Sync: { enableSessionStorage: false };
  /** twilsock reconnect backoff in ms (the SDK reads it from the top level of the options). */
  retryPolicy: { min: number; max: number; randomness: number };
  [key: string]: unknown;
}

/** The one JSON line the CLI prints; also what `startEmulator` resolves with. */
export interface EmulatorInfo {
  accountSid: string;
  authToken: string;
  apiKeySid: string;
  apiKeySecret: string;
  serviceSid: string;
  restBaseUrl: string;
  clientOptions: EmulatorClientOptions;
}

export interface RunningEmulator {
  info: EmulatorInfo;
  port: number;
  /** Mint an access token exactly as an app would (twilio AccessToken + ChatGrant). */
  mintToken(identity: string, ttlSeconds?: number): string;
  /** Lets pages from one more origin call (a second app sharing this emulator, as in the bench). */
  allowOrigin(origin: string): Promise<void>;
  /** Drop live sockets (all, or one identity's) without stopping the server, as a network failure would. */
  dropConnections(identity?: string): void;
  close(): Promise<void>;
}
