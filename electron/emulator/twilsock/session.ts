import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { VerifiedToken, TokenFailure } from '../auth/access-token';
import type { Reply } from '../http/router';
import type { SyncSubscriber } from '../sync/types';
import { buildFrame, parseFrame, type TwilsockHeader } from './frame';

/** A tunnelled request as the session hands it to the hub. */
export interface UpstreamRequest {
  method: string;
  path: string;
  params: Record<string, unknown>;
  headers: Record<string, string>;
  payloadType: string;
  payload: string | null;
}

export interface SessionHost {
  verify(token: string): VerifiedToken | TokenFailure;
  authenticated(session: TwilsockSession): void;
  closed(session: TwilsockSession): void;
  upstream(session: TwilsockSession, req: UpstreamRequest): Promise<Reply>;
  log(line: string): void;
  /** Close the socket if it has not authenticated with `init` within this many ms. */
  initTimeoutMs: number;
}

const OK = { code: 200, status: 'OK' };
/** 20104 makes the SDK emit `tokenExpired`; 20101 (invalid) and 20105 (not yet valid) are terminal. */
const EXPIRED_DESCRIPTION = 'Access Token expired or expiration date invalid';
const invalidStatus = (description: string, errorCode = 20101) => ({ code: 401, status: 'UNAUTHORIZED', description, errorCode });
const refusedStatus = (failure: TokenFailure) => invalidStatus(failure.code === 20104 ? `${EXPIRED_DESCRIPTION}: ${failure.message}` : failure.message, failure.code);

/** One twilsock v3 connection: handshake, token updates, tunnelled requests and pushes. */
export class TwilsockSession implements SyncSubscriber {
  identity: string | null = null;
  private token: VerifiedToken | null = null;
  private aboutToExpireTimer: NodeJS.Timeout | undefined;
  private expiryTimer: NodeJS.Timeout | undefined;
  private afterReplyQueue: Array<() => void> = [];
  private notificationSeq = 0;
  private initTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly ws: WebSocket,
    private readonly host: SessionHost,
  ) {
    // A socket that never authenticates only holds a slot; Twilio closes those too.
    this.initTimer = setTimeout(() => {
      this.close({ code: 408, status: 'REQUEST_TIMEOUT', description: `No init within ${host.initTimeoutMs} ms` });
    }, host.initTimeoutMs);
    this.initTimer.unref();
    ws.on('message', (data, isBinary) => {
      if (!isBinary) return; // the protocol is binary-only; text frames are noise
      this.receive(Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer)).catch((err: unknown) => host.log(`twilsock: ${String(err)}`));
    });
    ws.on('close', () => {
      clearTimeout(this.initTimer);
      this.clearTimers();
      host.closed(this);
    });
    ws.on('error', () => undefined);
  }

  notify(messageType: string, payload: Record<string, unknown>): void {
    this.notifyJson(messageType, JSON.stringify(payload));
  }

  notifyJson(messageType: string, json: string): void {
    this.send(
      { id: `TN${++this.notificationSeq}`, method: 'notification', payload_type: 'application/json', message_type: messageType, notification_ctx_id: '' },
      json,
    );
  }

  afterReply(fn: () => void): void {
    this.afterReplyQueue.push(fn);
  }

  /** Server-initiated close: 410 tells the SDK its token expired. */
  close(status: { code: number; status: string; [k: string]: unknown }): void {
    this.send({ id: `TC${randomUUID()}`, method: 'close', status });
    this.ws.close();
    // The SDK waits up to 3 s for the socket to go; don't make it wait for a close handshake.
    setTimeout(() => this.ws.terminate(), 50).unref();
  }

  terminate(): void {
    this.ws.terminate();
  }

  private async receive(buf: Buffer): Promise<void> {
    let frame;
    try {
      frame = parseFrame(buf);
    } catch (err) {
      this.send({ id: `TC${randomUUID()}`, method: 'close', status: { code: 406, status: 'NOT_ACCEPTABLE', description: String(err) } });
      this.ws.close();
      return;
    }
    const { header, payload } = frame;
    switch (header.method) {
      case 'init':
        return this.onInit(header);
      case 'update':
        return this.onUpdate(header);
      case 'message':
        return this.onMessage(header, payload);
      case 'close':
        this.ws.close();
        return;
      case 'put_notification_ctx':
      case 'delete_notification_ctx':
        this.reply(header.id, OK);
        return;
      default:
        return; // acks (reply), telemetry and anything newer need no answer
    }
  }

  private onInit(header: TwilsockHeader): void {
    const result = this.host.verify(String(header.token ?? ''));
    if (!('identity' in result)) {
      this.reply(header.id, refusedStatus(result));
      return;
    }
    clearTimeout(this.initTimer);
    this.adoptToken(result);
    this.reply(header.id, OK, {
      continuation_token: `CT${randomUUID()}`,
      continuation_token_status: { reissued: true, reissue_reason: 'MISSING', reissue_message: 'emulator session' },
      capabilities: ['client_update'],
    });
    this.host.authenticated(this);
  }

  private onUpdate(header: TwilsockHeader): void {
    const result = this.host.verify(String(header.token ?? ''));
    if (!('identity' in result)) {
      this.reply(header.id, refusedStatus(result));
      return;
    }
    if (this.identity && result.identity !== this.identity) {
      this.reply(header.id, invalidStatus(`Token identity ${result.identity} does not match the session's ${this.identity}`));
      return;
    }
    this.adoptToken(result);
    this.reply(header.id, OK);
  }

  private async onMessage(header: TwilsockHeader, payload: string | null): Promise<void> {
    if (!this.identity) {
      this.reply(header.id, invalidStatus('Send init before requests'));
      return;
    }
    const http = (header.http_request ?? {}) as Partial<UpstreamRequest> & { params?: Record<string, unknown> };
    const reply = await this.host.upstream(this, {
      method: String(http.method ?? 'GET').toUpperCase(),
      path: String(http.path ?? '/'),
      params: http.params ?? {},
      headers: (http.headers ?? {}) as Record<string, string>,
      payloadType: String(header.payload_type ?? 'application/json'),
      payload,
    });
    const body = reply.body === undefined ? '' : JSON.stringify(reply.body);
    this.send(
      {
        id: header.id,
        method: 'reply',
        payload_type: 'application/json',
        status: OK,
        http_status: { code: reply.status, status: statusText(reply.status) },
        http_headers: { 'content-type': 'application/json', ...(reply.headers ?? {}) },
      },
      body,
    );
    const queued = this.afterReplyQueue;
    this.afterReplyQueue = [];
    for (const fn of queued) fn();
  }

  private adoptToken(token: VerifiedToken): void {
    this.token = token;
    this.identity = token.identity;
    this.clearTimers();
    const remaining = token.expiresAt - Date.now();
    const lifetime = Math.max(remaining, 1000);
    // Twilio warns ahead of expiry; scale the warning down for short-lived test tokens.
    const lead = Math.min(180_000, Math.max(500, lifetime * 0.2));
    this.aboutToExpireTimer = setTimeout(() => {
      this.send({ id: `TU${randomUUID()}`, method: 'client_update', client_update_type: 'token_about_to_expire' });
    }, Math.max(0, remaining - lead));
    this.expiryTimer = setTimeout(() => {
      this.close({ code: 410, status: 'TOKEN_EXPIRED', description: 'Access Token expired', errorCode: 20104 });
    }, Math.max(0, remaining));
  }

  private clearTimers(): void {
    clearTimeout(this.aboutToExpireTimer);
    clearTimeout(this.expiryTimer);
  }

  private reply(id: string, status: Record<string, unknown>, extra: Record<string, unknown> = {}): void {
    this.send({ id, method: 'reply', payload_type: 'application/json', status, ...extra });
  }

  private send(header: Omit<TwilsockHeader, 'payload_size'>, payload?: string): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    this.ws.send(buildFrame(header, payload), { binary: true });
  }
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 400: 'Bad Request', 401: 'Unauthorized',
  403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict', 413: 'Payload Too Large',
  429: 'Too Many Requests', 500: 'Internal Server Error',
};
export const statusText = (code: number): string => STATUS_TEXT[code] ?? 'Unknown';
