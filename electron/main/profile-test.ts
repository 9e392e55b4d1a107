import { Client } from '@twilio/conversations';
import type { TestResult } from '../../shared/ipc/contract';
import { classifyConnectionProblem, describeConnectionProblem } from '../../shared/domain/connection-problem';
import { english, type Translate } from './desktop/locale';
import type { TwilioCredentials } from './profiles';
import { mintChatToken } from './tokens';

/** What the SDK reports in initFailed / connectionError (twilsock adds the two codes). */
export interface TwilioConnectionError {
  message?: string;
  terminal?: boolean;
  httpStatusCode?: number | null;
  errorCode?: number | null;
}

/** The few members of the SDK's Client a connection test uses; tests pass a fake. */
export interface ConnectableClient {
  on(event: 'initialized', listener: () => void): unknown;
  on(event: 'initFailed', listener: (args: { error?: TwilioConnectionError }) => void): unknown;
  on(event: 'connectionError', listener: (error: TwilioConnectionError) => void): unknown;
  on(event: 'connectionStateChanged', listener: (state: string) => void): unknown;
  shutdown(): Promise<void>;
}
export type CreateClient = (token: string, clientOptions: Record<string, unknown>) => ConnectableClient | Promise<ConnectableClient>;

export interface ProfileTestOptions {
  /** Defaults to the real `new Client(token, options)` of @twilio/conversations. */
  createClient?: CreateClient;
  /** Second argument of `new Client`; the emulator's options in tests, none for Twilio. */
  clientOptions?: Record<string, unknown>;
  timeoutMs?: number;
  /** The result's words in the desk's language; English by default. */
  t?: Translate;
}

const DEFAULT_TIMEOUT_MS = 15_000;
// Twilio's access-token errors: 20101 invalid, 20103 issuer/subject, 20107 signature, …
const TOKEN_ERROR_CODES = new Set([20101, 20102, 20103, 20105, 20106, 20107]);
const TOKEN_EXPIRED_CODE = 20104;
// REST's "Permission Denied": wrong Account SID / key pair, deleted key, suspended account.
const PERMISSION_DENIED_CODE = 20003;

// The SDK's ClientOptions type has no index signature; the options are passed through unchanged.
const realClient: CreateClient = (token, clientOptions) => new Client(token, clientOptions) as unknown as ConnectableClient;

/** Twilio's error in words a support agent can act on. */
export function describeTwilioError(
  error: TwilioConnectionError | undefined,
  creds: Pick<TwilioCredentials, 'serviceSid'>,
  t: Translate = english,
): string {
  const raw = error?.message?.trim() || t('profileTest.noDetails');
  const code = error?.errorCode ?? null;
  const status = error?.httpStatusCode ?? null;
  if (code === TOKEN_EXPIRED_CODE) {
    return t('profileTest.tokenExpired');
  }
  // "getaddrinfo ENOTFOUND tsock.us1.twilio.com", ECONNREFUSED, ETIMEDOUT: the network, not Twilio.
  const network = classifyConnectionProblem(raw);
  if (network && network.kind !== 'credentials') return describeConnectionProblem(network, t);
  if ((code !== null && (TOKEN_ERROR_CODES.has(code) || code === PERMISSION_DENIED_CODE)) || status === 401 || status === 403 || /denied|invalid access token|signature|issuer|unauthori[sz]ed/i.test(raw)) {
    return t('profileTest.credentialsRefused');
  }
  if (status === 404 || /not found/i.test(raw)) {
    return t('profileTest.serviceNotFound', { serviceSid: creds.serviceSid });
  }
  if (status !== null && status >= 500) {
    return t('profileTest.serverTrouble', { status });
  }
  return t('profileTest.couldNotConnect', { reason: raw });
}

/** A socket or credentials failure in words; null for anything else. */
function plainProblem(message: string, t: Translate): string | null {
  const problem = classifyConnectionProblem(message);
  return problem ? describeConnectionProblem(problem, t) : null;
}

/**
 * Connect once with the real SDK and report whether the profile works, before it is saved. Always
 * resolves (never rejects) and always shuts the client down.
 */
export async function testProfileConnection(creds: TwilioCredentials, options: ProfileTestOptions = {}): Promise<TestResult> {
  const { createClient = realClient, clientOptions = {}, timeoutMs = DEFAULT_TIMEOUT_MS, t = english } = options;
  const token = mintChatToken({ ...creds, ttlSeconds: 300 });
  let client: ConnectableClient;
  try {
    client = await createClient(token, { logLevel: 'silent', ...clientOptions });
  } catch (error) {
    return { ok: false, message: (plainProblem((error as Error).message, t) ?? t('profileTest.couldNotStart', { reason: (error as Error).message })) };
  }

  const outcome = await new Promise<TestResult>((resolve) => {
    let lastProblem: string | null = null;
    const timer = setTimeout(() => {
      const seconds = Math.ceil(timeoutMs / 1000);
      resolve({
        ok: false,
        message: lastProblem ? (plainProblem(lastProblem, t) ?? t('profileTest.timeoutWithError', { seconds, error: lastProblem })) : t('profileTest.timeout', { seconds }),
      });
    }, timeoutMs);
    const finish = (result: TestResult) => {
      clearTimeout(timer);
      resolve(result);
    };
    client.on('initialized', () => finish({ ok: true, message: t('profileTest.works', { identity: creds.identity }) }));
    client.on('initFailed', ({ error }) => finish({ ok: false, message: describeTwilioError(error, creds, t) }));
    client.on('connectionStateChanged', (state) => {
      if (state === 'denied') finish({ ok: false, message: describeTwilioError({ message: 'denied' }, creds, t) });
    });
    client.on('connectionError', (error) => {
      // Non-terminal errors are retried by the SDK; keep the latest for the timeout message.
      if (error.terminal) finish({ ok: false, message: describeTwilioError(error, creds, t) });
      else lastProblem = error.message ?? null;
    });
  });

  await client.shutdown().catch(() => undefined);
  return outcome;
}
