import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { BodyRefused, declaredLength, readBody as readLimited, type BufferBudget } from '../../common/loopback-guard';
import { TwilioError } from '../util/errors';

export { BufferBudget, declaredLength } from '../../common/loopback-guard';

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

/**
 * Reads a body of at most `max` bytes into memory, charging it to `budget` (the shared loopback
 * guard's reader), with its refusals in Twilio's shape: `tooLarge` past the limit, 503 when the
 * budget is spent, 400 when the client cut the body off.
 */
export async function readBody(req: IncomingMessage, max: number, budget: BufferBudget, tooLarge: (limit: number) => TwilioError): Promise<{ body: Buffer; held: number }> {
  try {
    return await readLimited(req, max, budget);
  } catch (err) {
    if (!(err instanceof BodyRefused)) throw err;
    if (err.kind === 'too-large') throw tooLarge(max);
    if (err.kind === 'busy') throw busyError();
    throw new TwilioError(400, 20001, 'The request body was cut off');
  }
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
