import { request } from 'node:http';
import { spawnEmulator } from './emulator-process';

const MB = 1024 * 1024;
const BODY = 150 * MB;

export interface HostileResult {
  beforeMb: number;
  afterMb: number;
  /** Status each POST was answered with (null: the connection failed before an answer). */
  statuses: Array<number | null>;
  /** What the clients managed to push before they were answered, in MB (kernel buffers included). */
  sentMb: number;
}

/**
 * The hostile-input audit's figure: four unauthenticated 150 MB POSTs at once (REST, media upload,
 * the control API's inbound, MediaSet) against a fresh emulator process, and its RSS before and after.
 */
export async function hostilePosts(): Promise<HostileResult> {
  const emu = await spawnEmulator(['--port', '0']);
  try {
    const base = emu.info.restBaseUrl;
    const paths = ['/v1/Conversations', `/v1/Services/${emu.info.serviceSid}/Media`, '/emulator/inbound', `/v1/Services/${emu.info.serviceSid}/MediaSet`];
    const beforeMb = emu.rssBytes() / MB;
    const results = await Promise.all(paths.map((path) => post(`${base}${path}`)));
    const afterMb = emu.rssBytes() / MB;
    return { beforeMb, afterMb, statuses: results.map((r) => r.status), sentMb: results.reduce((n, r) => n + r.sent, 0) / MB };
  } finally {
    await emu.stop();
  }
}

/** Streams 150 MB of one reused chunk (the client holds 64 KB, not the body) until answered. */
function post(url: string): Promise<{ status: number | null; sent: number }> {
  return new Promise((resolve) => {
    const chunk = Buffer.alloc(64 * 1024, 1);
    let sent = 0;
    let status: number | null = null;
    let finished = false;
    const done = (): void => {
      if (finished) return;
      finished = true;
      req.destroy();
      resolve({ status, sent });
    };
    const req = request(url, { method: 'POST', headers: { 'content-type': 'image/png', 'content-length': String(BODY) } });
    req.on('response', (res) => {
      status = res.statusCode ?? null;
      res.resume();
      res.on('end', done);
      res.on('error', done);
    });
    req.on('error', done);
    req.on('close', done);
    const pump = (): void => {
      while (sent < BODY && status === null && !finished) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (sent >= BODY) req.end();
    };
    pump();
  });
}
