/**
 * `npm run bench`: performance figures on this machine (not a test; nothing here fails a build).
 * Each figure is the median of several runs where a run is cheap enough to repeat.
 */
import { fanout, type FanoutResult } from './emulator-fanout';
import { formatTable, median } from './stats';

async function emulatorSection(): Promise<string> {
  const rows: Array<Record<string, string | number>> = [];
  for (const clients of [50, 100, 200]) {
    const runs: FanoutResult[] = [];
    for (let i = 0; i < 3; i++) runs.push(await fanout(clients, 200));
    const pick = (f: (r: (typeof runs)[number]) => number) => median(runs.map(f));
    rows.push({
      'SDK clients': clients,
      'messages/s': pick((r) => r.messagesPerSecond),
      'deliveries/s': pick((r) => r.deliveriesPerSecond),
      'send→seen p50 ms': pick((r) => r.sendToSeenP50Ms),
      'send→seen p99 ms': pick((r) => r.sendToSeenP99Ms),
      'emulator KB/client': pick((r) => r.emulatorRssPerClientKb),
      'emulator CPU ms/1k deliveries': pick((r) => r.emulatorCpuMsPer1000Deliveries),
      'emulator startup ms': pick((r) => r.emulatorStartupMs),
    });
    process.stderr.write(`bench: fan-out with ${clients} clients done\n`);
  }
  return `## Emulator: fan-out to live SDK clients (median of 3 runs, 200 messages each)\n\n${formatTable(rows)}\n`;
}

async function main(): Promise<void> {
  const sections = [await emulatorSection()];
  process.stdout.write(`${sections.join('\n')}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
