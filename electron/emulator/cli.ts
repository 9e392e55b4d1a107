/**
 * `npm run --silent emulator -- --port 0 --data DIR [--seed demo] [--max-concurrent-requests N]
 * [--rest-latency-ms N] [--allow-origin URL]...` prints exactly one JSON line (the EmulatorInfo)
 * on stdout; everything else goes to stderr.
 */
import { normalizeOrigin } from './http/access';
import { startEmulator } from './index';
import type { EmulatorOptions } from './config';

const USAGE = 'usage: emulator [--port N] [--data DIR] [--seed demo|none] [--max-concurrent-requests N] [--rest-latency-ms N] [--allow-origin URL]...\n';

function parseArgs(argv: string[]): EmulatorOptions {
  const opts: EmulatorOptions = {};
  const origins: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) fail(`${arg} needs a value`);
      return v as string;
    };
    switch (arg) {
      case '--port': {
        const port = Number(value());
        if (!Number.isInteger(port) || port < 0 || port > 65535) fail('--port must be 0..65535');
        opts.port = port;
        break;
      }
      case '--data':
        opts.dataDir = value();
        break;
      case '--seed': {
        const seed = value();
        if (seed !== 'demo' && seed !== 'none') fail('--seed must be "demo" or "none"');
        opts.seed = seed as 'demo' | 'none';
        break;
      }
      case '--max-concurrent-requests': {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 1) fail('--max-concurrent-requests must be a positive integer');
        opts.maxConcurrentRequests = n;
        break;
      }
      case '--rest-latency-ms': {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 0 || n > 60_000) fail('--rest-latency-ms must be an integer 0..60000');
        opts.restLatencyMs = n;
        break;
      }
      case '--allow-origin': {
        const url = value();
        try {
          origins.push(normalizeOrigin(url));
        } catch {
          fail(`--allow-origin needs an origin URL such as app://desk or http://127.0.0.1:5173, not ${url}`);
        }
        break;
      }
      case '--help':
        process.stderr.write(USAGE);
        process.exit(0);
        break;
      default:
        fail(`unknown argument ${arg}`);
    }
  }
  if (origins.length) opts.allowedOrigins = origins;
  return opts;
}

function fail(message: string): never {
  process.stderr.write(`emulator: ${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const emulator = await startEmulator({ ...opts, log: (line) => process.stderr.write(`${line}\n`) });
  process.stdout.write(`${JSON.stringify(emulator.info)}\n`);
  process.stderr.write(`emulator listening on ${emulator.info.restBaseUrl}${opts.dataDir ? ` with data in ${opts.dataDir}` : ' (in memory)'}\n`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    emulator.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`emulator: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`emulator: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
