import { WebSocketServer, type WebSocket } from 'ws';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { TokenFailure, VerifiedToken } from '../auth/access-token';
import type { ConversationsService } from '../conversations/service';
import type { Reply, Router } from '../http/router';
import { decodeParams } from '../http/router';
import type { Db } from '../store/db';
import type { SyncEngine } from '../sync/engine';
import type { UpstreamContext } from '../tunnel/context';
import { rejectUpgrade } from '../http/server';
import { TwilioError, asTwilioError, badRequest } from '../util/errors';
import { TwilsockSession, type UpstreamRequest } from './session';

export interface HubDeps {
  db: Db;
  sync: SyncEngine;
  service: ConversationsService;
  routers: Router<UpstreamContext>[];
  verify(token: string): VerifiedToken | TokenFailure;
  log(line: string): void;
  limits: { maxSockets: number; initTimeoutMs: number; wsMaxPayloadBytes: number };
}

/** Accepts twilsock WebSockets and connects each session to Sync and the Conversations routes. */
export class TwilsockHub {
  private readonly wss: WebSocketServer;
  private readonly sessions = new Set<TwilsockSession>();
  private readonly byIdentity = new Map<string, Set<TwilsockSession>>();
  /** Upgrades accepted but not yet through the WebSocket handshake. */
  private handshakes = 0;

  constructor(private readonly deps: HubDeps) {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: deps.limits.wsMaxPayloadBytes });
    deps.service.onEvent((e) => {
      if (e.type !== 'typing') return;
      for (const p of deps.service.roster(e.conversation.sid)) {
        if (!p.identity || p.identity === e.identity) continue;
        for (const s of this.byIdentity.get(p.identity) ?? []) {
          s.notify('twilio.ipmsg.typing_indicator', { channel_sid: e.conversation.sid, identity: e.identity, typing_timeout: 5 });
        }
      }
    });
  }

  /** Host, Origin and path are checked by the HTTP server before it hands the upgrade here. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    // A handshake in progress holds a slot: sessions join the set only once it completes, so
    // counting them alone would let a burst of upgrades past the cap while handshakes overlap.
    if (this.sessions.size + this.handshakes >= this.deps.limits.maxSockets) {
      rejectUpgrade(socket, new TwilioError(503, 20503, `Service unavailable: ${this.deps.limits.maxSockets} sockets are open`));
      return;
    }
    this.handshakes++;
    let reserved = true;
    const release = (): void => {
      if (!reserved) return;
      reserved = false;
      this.handshakes--;
      socket.off('close', release);
    };
    // A handshake ws refuses (bad headers, a client that hung up) ends with the socket closed.
    socket.once('close', release);
    if (socket.destroyed) return release();
    try {
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        release();
        this.accept(ws);
      });
    } catch (err) {
      release();
      throw err;
    }
  }

  /** Replaced once the port is bound, since Configuration links name it. */
  setRouters(routers: Router<UpstreamContext>[]): void {
    this.deps.routers = routers;
  }

  get connectionCount(): number {
    return this.sessions.size;
  }

  /** Drops every socket abruptly, as a network failure would. */
  dropAll(identity?: string): void {
    for (const s of this.sessions) if (identity === undefined || s.identity === identity) s.terminate();
  }

  close(): Promise<void> {
    this.dropAll();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }

  private accept(ws: WebSocket): void {
    const { deps } = this;
    const session = new TwilsockSession(ws, {
      verify: deps.verify,
      log: deps.log,
      initTimeoutMs: deps.limits.initTimeoutMs,
      authenticated: (s) => this.track(s),
      closed: (s) => this.untrack(s),
      upstream: (s, req) => this.upstream(s, req),
    });
    this.sessions.add(session);
  }

  private track(s: TwilsockSession): void {
    const identity = s.identity as string;
    let set = this.byIdentity.get(identity);
    if (!set) {
      set = new Set();
      this.byIdentity.set(identity, set);
    }
    if (set.has(s)) return;
    set.add(s);
    this.deps.service.setOnline(identity, true);
    this.deps.db.commit();
  }

  private untrack(s: TwilsockSession): void {
    this.sessions.delete(s);
    this.deps.sync.dropSubscriber(s);
    if (!s.identity) return;
    const set = this.byIdentity.get(s.identity);
    set?.delete(s);
    if (set && set.size === 0) {
      this.byIdentity.delete(s.identity);
      this.deps.service.setOnline(s.identity, false);
    }
  }

  private async upstream(session: TwilsockSession, req: UpstreamRequest): Promise<Reply> {
    try {
      const ctx: UpstreamContext = {
        identity: session.identity as string,
        connection: session,
        query: decodeParams(req.params),
        body: parseBody(req),
      };
      for (const router of this.deps.routers) {
        const match = router.match(req.method, req.path);
        if (match.kind === 'found') {
          const reply = await match.handler(ctx, match.params);
          // Answered once on disk, as over HTTP, but without blocking the event loop on the
          // fsync (commit() did, once per request): the events this request caused are already
          // on their way to the other sockets, and their requests go on while it syncs; requests
          // answered together share one fsync (group commit).
          await this.deps.db.commitDurably();
          return reply;
        }
      }
      return { status: 404, body: { status: 404, code: 20404, message: `No route for ${req.method} ${req.path}` } };
    } catch (err) {
      const e = asTwilioError(err);
      if (e.status >= 500) this.deps.log(`twilsock ${req.method} ${req.path}: ${err instanceof Error ? err.stack : String(err)}`);
      await this.deps.db.commitDurably();
      return { status: e.status, body: e.toBody() };
    }
  }
}

function parseBody(req: UpstreamRequest): Record<string, unknown> {
  if (!req.payload) return {};
  if (req.payloadType.includes('x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(req.payload));
  try {
    const parsed: unknown = JSON.parse(req.payload);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    throw badRequest('Request body is not valid JSON');
  }
}
