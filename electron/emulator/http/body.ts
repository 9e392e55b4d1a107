import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { TwilioError } from '../util/errors';

/** Bytes of request bodies held in memory at once, across all requests. */
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

export const tooLargeError = (limit: number): TwilioError =>
  new TwilioError(
    413,
    20413,
    limit === 0 ? 'Request Entity Too Large: this request takes no body' : `Request Entity Too Large: this endpoint accepts bodies of at most ${formatBytes(limit)}`,
  );

export const busyError = (): TwilioError =>
  new TwilioError(503, 20503, 'Service unavailable: too many request bodies in progress; retry with backoff');

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) ? 1 : 0)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(n % 1024 ? 1 : 0)} KB`;
  return `${n} bytes`;
}

/** The declared Content-Length: 0 for none, null when the body is chunked (length unknown). */
export function declaredLength(req: IncomingMessage): number | null {
  const te = req.headers['transfer-encoding'];
  if (te !== undefined) return null;
  const cl = req.headers['content-length'];
  return cl === undefined ? 0 : Number(cl);
}

/**
 * Reads a body of at most `max` bytes into memory, charging it to `budget` (returned as `held`
 * for the caller to give back once the answer is sent). A chunked body is cut off as soon as it
 * passes the limit; the reader then stops reading, so the caller answers and closes.
 */
export function readBody(req: IncomingMessage, max: number, budget: BufferBudget, tooLarge: (limit: number) => TwilioError): Promise<{ body: Buffer; held: number }> {
  const declared = declaredLength(req);
  // A chunked body where none is allowed is refused unread, as a declared one is.
  if (declared === null ? max === 0 : declared > max) return Promise.reject(tooLarge(max));
  if (declared !== null && !budget.take(declared)) return Promise.reject(busyError());
  let held = declared ?? 0;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const stop = (err: TwilioError): void => {
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
      if (size > max) return stop(tooLarge(max));
      if (declared === null) {
        if (!budget.take(chunk.length)) return stop(busyError());
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
    req.once('error', () => stop(new TwilioError(400, 20001, 'The request body was cut off')));
  });
}

/**
 * The body as a stream that fails with `tooLarge` once it passes `max` bytes. Failing does not
 * destroy the request (its socket must stay up long enough to carry the 413).
 */
export function limitedStream(req: IncomingMessage, max: number, tooLarge: (limit: number) => TwilioError): Readable {
  const declared = declaredLength(req);
  async function* chunks(): AsyncGenerator<Buffer> {
    if (declared !== null && declared > max) throw tooLarge(max);
    let size = 0;
    for await (const chunk of req.iterator({ destroyOnReturn: false })) {
      size += (chunk as Buffer).length;
      if (size > max) throw tooLarge(max);
      yield chunk as Buffer;
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}
