/** A response from any of the emulator's routers, before it is put on a wire. */
export interface Reply {
  status: number;
  /**
   * JSON-able value, string, Buffer, or a Readable that is piped to the client (its reply must
   * carry `content-length`; it is destroyed if the client goes away first).
   */
  body?: unknown;
  headers?: Record<string, string>;
}

export type Params = Record<string, string>;
export type Handler<Ctx> = (ctx: Ctx, params: Params) => Reply | Promise<Reply>;

interface Route<Ctx> {
  method: string;
  segments: string[];
  handler: Handler<Ctx>;
}

export type Match<Ctx> = { kind: 'found'; handler: Handler<Ctx>; params: Params } | { kind: 'method-not-allowed'; allowed: string[] } | { kind: 'not-found' };

/**
 * Matches `METHOD /a/:b/c` patterns against a raw (percent-encoded) path; captured segments are
 * decoded, since identities such as `a@b.c` arrive as `a%40b.c`.
 */
export class Router<Ctx> {
  private readonly routes: Route<Ctx>[] = [];

  on(method: string, pattern: string, handler: Handler<Ctx>): this {
    this.routes.push({ method, segments: pattern.split('/').filter(Boolean), handler });
    return this;
  }

  match(method: string, rawPath: string): Match<Ctx> {
    const parts = rawPath.split('?')[0]?.split('/').filter(Boolean) ?? [];
    const allowed: string[] = [];
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      if (route.method === method) return { kind: 'found', handler: route.handler, params };
      allowed.push(route.method);
    }
    return allowed.length ? { kind: 'method-not-allowed', allowed } : { kind: 'not-found' };
  }
}

function matchSegments(pattern: string[], parts: string[]): Params | null {
  if (pattern.length !== parts.length) return null;
  const params: Params = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] as string;
    const value = parts[i] as string;
    if (p.startsWith(':')) {
      try {
        params[p.slice(1)] = decodeURIComponent(value);
      } catch {
        return null;
      }
    } else if (p !== value) return null;
  }
  return params;
}

/** Query parameters whose values may still be percent-encoded (twilsock sends them raw). */
export function decodeParams(raw: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw ?? {})) {
    const value = Array.isArray(v) ? v[v.length - 1] : v;
    if (value === undefined || value === null) continue;
    try {
      out[k] = decodeURIComponent(String(value).replace(/\+/g, ' '));
    } catch {
      out[k] = String(value);
    }
  }
  return out;
}
