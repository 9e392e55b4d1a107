import type { Credentials } from '../auth/credentials';
import { requireBasicAuth } from '../control/basic-auth';
import { checkBasicAuth } from '../rest/auth';
import type { HttpLimits } from './limits';
import type { HttpMount, RequestHead, RoutePolicy, HttpRoute } from './request';

const header = (head: RequestHead, name: string): string | undefined => {
  const v = head.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/** Twilio's REST API: Basic auth before anything else, bodies in kilobytes, paced and counted. */
export function restRoute(mount: HttpMount, creds: Credentials, limits: HttpLimits): HttpRoute {
  const policy: RoutePolicy = {
    maxBodyBytes: limits.restBodyBytes,
    rest: true,
    realm: 'Twilio API',
    authenticate: (head) => checkBasicAuth(header(head, 'authorization'), creds),
  };
  return { mount, policy: () => policy };
}

/** The emulator's own API: Basic auth except for health; only inbound carries media inline. */
export function controlRoute(mount: HttpMount, creds: Credentials, limits: HttpLimits): HttpRoute {
  const authenticate = (head: RequestHead): void => requireBasicAuth({ ...head, body: Buffer.alloc(0) }, creds);
  return {
    mount,
    policy: (head) => ({
      maxBodyBytes: head.path === '/emulator/inbound' ? limits.inboundBodyBytes : limits.controlBodyBytes,
      realm: 'Twilio emulator',
      ...(head.path === '/emulator/health' ? {} : { authenticate }),
    }),
  };
}
