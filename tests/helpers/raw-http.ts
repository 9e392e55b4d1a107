import { connect } from 'node:net';

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Whether the server closed the connection after answering. */
  closed: boolean;
}

/**
 * Sends `head` (request line and headers, no final blank line needed) and optionally part of a
 * body on a raw socket, then reads the answer. Nothing more is sent: a server that waited for
 * the rest of a declared body would never answer, so a test on it fails by timing out.
 */
export function rawRequest(port: number, head: string, body: Buffer | string = ''): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = Buffer.alloc(0);
    let parsed: Omit<RawAnswer, 'closed'> | null = null;
    const tryParse = (): void => {
      const text = data.toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      if (split < 0) return;
      const [statusLine, ...lines] = text.slice(0, split).split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      const length = Number(headers['content-length'] ?? 0);
      const rest = data.subarray(Buffer.byteLength(text.slice(0, split + 4)));
      if (rest.length < length) return;
      parsed = { status: Number(statusLine?.split(' ')[1]), headers, body: rest.subarray(0, length).toString('utf8') };
      if (headers.connection !== 'close') {
        socket.destroy();
        resolve({ ...parsed, closed: false });
      }
    };
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      if (!parsed) tryParse();
    });
    socket.on('end', () => {
      if (parsed) resolve({ ...parsed, closed: true });
      else reject(new Error(`connection closed without a complete answer: ${data.toString('utf8').slice(0, 200)}`));
      socket.destroy();
    });
    socket.on('error', (err) => (parsed ? resolve({ ...parsed, closed: true }) : reject(err)));
    socket.write(`${head.replace(/(\r\n)*$/, '')}\r\n\r\n`);
    if (body.length) socket.write(body);
  });
}
