import type { Credentials } from '../auth/credentials';
import { requireBasicAuth } from '../control/basic-auth';
import { checkBasicAuth } from '../rest/auth';
import type { HttpLimits } from './limits';
import type { HttpMount, RequestHead, RoutePolicy, HttpRoute } from './request';

const header = (head: RequestHead, name: string): string | undefined => {
  const v = head.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/**
 * Methods that carry no body: GET, HEAD and DELETE. Their limit is 0, so one sent with a body
 * anyway is answered 413 without a byte of it being read.
 */
export const takesNoBody = (method: string): boolean => method === 'GET' || method === 'HEAD' || method === 'DELETE';

/** Twilio's REST API: Basic auth before anything else, bodies in kilobytes, paced and counted. */
export function restRoute(mount: HttpMount, creds: Credentials, limits: HttpLimits): HttpRoute {
  const policy = (maxBodyBytes: number): RoutePolicy => ({
    maxBodyBytes,
    rest: true,
    realm: 'Twilio API',
    authenticate: (head) => checkBasicAuth(header(head, 'authorization'), creds),
  });
  const withBody = policy(limits.restBodyBytes);
  const withoutBody = policy(0);
  return { mount, policy: (head) => (takesNoBody(head.method) ? withoutBody : withBody) };
}

/** The emulator's own API: Basic auth except for health; only inbound carries media inline. */
export function controlRoute(mount: HttpMount, creds: Credentials, limits: HttpLimits): HttpRoute {
  const authenticate = (head: RequestHead): void => requireBasicAuth({ ...head, body: Buffer.alloc(0) }, creds);
  return {
    mount,
    policy: (head) => ({
      maxBodyBytes: takesNoBody(head.method) ? 0 : head.path === '/emulator/inbound' ? limits.inboundBodyBytes : limits.controlBodyBytes,
      realm: 'Twilio emulator',
      ...(head.path === '/emulator/health' ? {} : { authenticate }),
    }),
  };
}
