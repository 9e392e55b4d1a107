import twilio from 'twilio';
import RequestClient from 'twilio/lib/base/RequestClient';
import type { EmulatorInfo } from '../../electron/emulator';

/** Hosts twilio's helper library addresses for the APIs the emulator serves. */
const TWILIO_ORIGINS = [/^https:\/\/(conversations|content|api)(\.[a-z0-9-]+)*\.twilio\.com/];

/**
 * twilio's own RequestClient with the Twilio origin swapped for the emulator's: everything else
 * (auth, form encoding, paging, 429 backoff) stays the library's own code, which is what the
 * tests mean to exercise. `attempts` counts every HTTP request actually sent, retries included,
 * so a test can tell that autoRetry did retry.
 */
export class EmulatorRequestClient extends RequestClient {
  attempts = 0;

  constructor(
    private readonly restBaseUrl: string,
    opts: ConstructorParameters<typeof RequestClient>[0] = {},
  ) {
    super(opts);
    this.axios.interceptors.request.use((config) => {
      this.attempts++;
      return config;
    });
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    let uri = opts.uri;
    for (const origin of TWILIO_ORIGINS) uri = uri.replace(origin, this.restBaseUrl);
    return super.request({ ...opts, uri });
  }
}

export interface RestClientOptions {
  autoRetry?: boolean;
  maxRetries?: number;
  /** Authenticate with the account SID and auth token instead of the API key. */
  useAuthToken?: boolean;
}

/** A real twilio REST client pointed at the emulator, authenticated with its API key. */
export function restClient(info: EmulatorInfo, opts: RestClientOptions = {}): { client: twilio.Twilio; http: EmulatorRequestClient } {
  const http = new EmulatorRequestClient(info.restBaseUrl, { autoRetry: opts.autoRetry ?? false, maxRetries: opts.maxRetries ?? 3 });
  const client = opts.useAuthToken
    ? twilio(info.accountSid, info.authToken, { httpClient: http })
    : twilio(info.apiKeySid, info.apiKeySecret, { accountSid: info.accountSid, httpClient: http });
  return { client, http };
}
