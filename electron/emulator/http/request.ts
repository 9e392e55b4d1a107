import type { IncomingHttpHeaders } from 'node:http';

/** A plain HTTP request to the emulator, body already read. */
export interface HttpRequest {
  method: string;
  /** Raw path without the query string (percent-encoded). */
  path: string;
  /** Full URL as the client addressed it (used for webhook-style signatures). */
  url: URL;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
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
  matches(req: HttpRequest): boolean;
  handle(req: HttpRequest): Promise<import('./router').Reply>;
}
