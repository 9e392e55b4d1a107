/**
 * Twilsock v3 framing: `TWILSOCK V3.0 <header bytes>\r\n<header JSON>\r\n<payload>`.
 * Lengths are UTF-8 byte counts; the SDK drops text frames, so frames are always binary.
 */
export interface TwilsockHeader {
  id: string;
  method: string;
  payload_size?: number;
  payload_type?: string;
  [key: string]: unknown;
}

export interface TwilsockFrame {
  header: TwilsockHeader;
  payload: string | null;
}

const MAGIC = 'TWILSOCK V3.0 ';

export function parseFrame(buf: Buffer): TwilsockFrame {
  const crlf = buf.indexOf('\r\n');
  if (crlf < 0) throw new Error('twilsock frame has no header line');
  const first = buf.subarray(0, crlf).toString('latin1');
  if (!first.startsWith(MAGIC)) throw new Error(`not a twilsock v3 frame: ${first.slice(0, 32)}`);
  const headerLen = Number(first.slice(MAGIC.length));
  if (!Number.isInteger(headerLen) || headerLen <= 0) throw new Error('bad twilsock header length');
  const headerStart = crlf + 2;
  const header = JSON.parse(buf.subarray(headerStart, headerStart + headerLen).toString('utf8')) as TwilsockHeader;
  if (typeof header.method !== 'string') throw new Error('twilsock header has no method');
  const size = Number(header.payload_size ?? 0);
  let payload: string | null = null;
  if (size > 0) {
    const payloadStart = headerStart + headerLen + 2;
    payload = buf.subarray(payloadStart, payloadStart + size).toString('utf8');
  }
  return { header, payload };
}

export function buildFrame(header: Omit<TwilsockHeader, 'payload_size'>, payload?: string): Buffer {
  const body = payload ?? '';
  const full = { ...header, payload_size: Buffer.byteLength(body) };
  const json = JSON.stringify(full);
  return Buffer.from(`${MAGIC}${Buffer.byteLength(json)}\r\n${json}\r\n${body}`, 'utf8');
}
