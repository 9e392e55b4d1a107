import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { TwilioError } from '../util/errors';

/** What is known of a request before its body is read: enough to route and authenticate it. */
export interface RequestHead {
  method: string;
  /** Raw path without the query string (percent-encoded). */
  path: string;
  /** Full URL as the client addressed it (used for webhook-style signatures). */
  url: URL;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
}

/** A plain HTTP request to the emulator, body already read (or, for streamed routes, `stream`). */
export interface HttpRequest extends RequestHead {
  body: Buffer;
  /** Set instead of `body` on routes whose policy streams: the body, cut off at its limit. */
  stream?: Readable;
}

/** Parses an `application/x-www-form-urlencoded` body, keeping repeated keys as arrays. */
export function formBody(req: HttpRequest): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [k, v] of new URLSearchParams(req.body.toString('utf8'))) {
    const list = out.get(k) ?? [];
    list.push(v);
    out.set(k, list);
  }
  return out;
}

/** One section of the emulator's HTTP surface (REST, media, control). */
export interface HttpMount {
  matches(req: RequestHead): boolean;
  handle(req: HttpRequest): Promise<import('./router').Reply>;
}

/** How the server treats a request to a route, decided from its head alone. */
export interface RoutePolicy {
  /** Largest body read; larger ones are refused before a byte is read. */
  maxBodyBytes: number;
  /** Hand the body to the handler as a stream (media uploads) instead of buffering it. */
  stream?: boolean;
  /** Header-only check run before the body is read; throws the TwilioError to answer. */
  authenticate?(head: RequestHead): void;
  /** `WWW-Authenticate: Basic realm="…"` on a 401. */
  realm?: string;
  /** Twilio's public REST API: counted in flight, held `restLatencyMs`, answered 429 past the limit. */
  rest?: boolean;
  /** The error for a body over `maxBodyBytes` (default: Twilio's 20413). */
  tooLarge?(limit: number): TwilioError;
}

export interface HttpRoute {
  mount: HttpMount;
  policy(head: RequestHead): RoutePolicy;
}
