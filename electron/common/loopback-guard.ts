import type { IncomingMessage } from 'node:http';

/**
 * The rules every server the desk runs on 127.0.0.1 applies before it reads a request body: the
 * emulator (electron/emulator/http), the dev transport (electron/main/browser-transport.ts) and
 * the dev static server. Listening on 127.0.0.1 keeps other machines out, not other web pages:
 * any page in any browser on this machine can reach the port, directly or through DNS rebinding.
 * Each server words a refusal in its own shape (Twilio's error JSON, an IpcResult, plain text);
 * the decisions, and their statuses, are made here, once.
 */

/** A refusal in HTTP terms: the status to answer and why, in words a developer can act on. */
export interface Refusal {
  status: number;
  message: string;
}

const HOST_SYNTAX = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/i;

/**
 * Null when `host` is `127.0.0.1:PORT` or `localhost:PORT` (any case, surrounding spaces
 * ignored). A missing or unparseable Host is 400; a well-formed one naming another host or port
 * (a rebound DNS name, another server's port) is 403.
 */
export function hostRefusal(host: string | undefined, port: number): Refusal | null {
  if (!host) return { status: 400, message: 'A Host header is required' };
  const m = HOST_SYNTAX.exec(host.trim());
  if (!m) return { status: 400, message: 'The Host header is not a valid host[:port]' };
  const name = (m[1] as string).toLowerCase();
  if ((name === '127.0.0.1' || name === 'localhost') && Number(m[2]) === port) return null;
  return { status: 403, message: `Host ${host.slice(0, 100)} is not this server: use 127.0.0.1:${port} or localhost:${port}` };
}

/** The declared Content-Length: 0 for none, null when the body is chunked (length unknown). */
export function declaredLength(req: IncomingMessage): number | null {
  if (req.headers['transfer-encoding'] !== undefined) return null;
  const cl = req.headers['content-length'];
  return cl === undefined ? 0 : Number(cl);
}

/** Bytes of request bodies held in memory at once, across all requests of one server. */
export class BufferBudget {
  private used = 0;

  constructor(readonly cap: number) {}

  take(bytes: number): boolean {
    if (this.used + bytes > this.cap) return false;
    this.used += bytes;
    return true;
  }

  give(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }

  get inUse(): number {
    return this.used;
  }
}

/**
 * Why a body was not read: over the route's limit (413), the budget of buffered bytes is spent
 * (503, retry later), or the client cut it off (400).
 */
export class BodyRefused extends Error {
  constructor(
    readonly kind: 'too-large' | 'busy' | 'cut-off',
    /** The route's limit, for the message. */
    readonly limit: number,
  ) {
    super(kind === 'too-large' ? `The request body is over ${limit} bytes` : kind === 'busy' ? 'Too many request bodies in progress' : 'The request body was cut off');
    this.name = 'BodyRefused';
  }
}

/**
 * Reads a body of at most `max` bytes into memory, charging it to `budget`; the caller gives
 * `held` back once it is done with the body. A declared body over the limit is refused before a
 * byte is read, a chunked one as soon as it passes it (at once where the limit is 0); the reader
 * then stops reading, so the caller answers and closes (see closeAfterAnswer).
 */
export function readBody(req: IncomingMessage, max: number, budget: BufferBudget): Promise<{ body: Buffer; held: number }> {
  const declared = declaredLength(req);
  if (declared === null ? max === 0 : declared > max) return Promise.reject(new BodyRefused('too-large', max));
  if (declared !== null && !budget.take(declared)) return Promise.reject(new BodyRefused('busy', max));
  let held = declared ?? 0;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const stop = (err: BodyRefused): void => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.pause();
      budget.give(held);
      reject(err);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > max) return stop(new BodyRefused('too-large', max));
      if (declared === null) {
        if (!budget.take(chunk.length)) return stop(new BodyRefused('busy', max));
        held += chunk.length;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      settled = true;
      resolve({ body: Buffer.concat(chunks), held });
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.once('error', () => stop(new BodyRefused('cut-off', max)));
  });
}

/**
 * Whether to close the connection after answering: the body was not read (or reading stopped),
 * and it is not small enough (`drainBytes`) for Node to read and discard. Answering then closing
 * lets the client read the answer instead of a reset mid-upload.
 */
export function closeAfterAnswer(req: IncomingMessage, drainBytes: number): boolean {
  if (req.complete) return false;
  if (req.readableFlowing !== null || req.isPaused()) return true; // we were reading it and stopped
  const declared = declaredLength(req);
  return declared === null || declared > drainBytes;
}
