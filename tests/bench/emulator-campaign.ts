import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnEmulator } from './emulator-process';

export interface CampaignRun {
  recipients: number;
  requests: number;
  /** 429s answered (each retried after a short jittered wait). */
  throttled: number;
  seconds: number;
  /** Successful requests per second over the whole run. */
  rate: number;
  /** max-concurrent / latency: what Twilio's limit allows at best. */
  ceiling: number | null;
  /** The emulator process's CPU seconds per 1,000 requests. */
  cpuPerThousand: number;
  /** Highest Twilio-Concurrent-Requests seen. */
  peakConcurrent: number;
  /** Recipients whose message did not land (should be 0). */
  lost: number;
}

/**
 * A campaign's REST traffic against the emulator's CLI (with `--data`, so every change is
 * journalled and fsynced as in the Local workspace): per recipient, create a conversation, add
 * the customer's SMS participant, post the message. `workers` requests at a time; a 429 is
 * retried after a jittered wait, as the desk's client does.
 */
export async function campaignRun(options: { recipients: number; workers: number; maxConcurrent: number; latencyMs: number }): Promise<CampaignRun> {
  const dir = mkdtempSync(join(tmpdir(), 'desk-bench-campaign-'));
  const emu = await spawnEmulator(['--port', '0', '--data', dir, '--max-concurrent-requests', String(options.maxConcurrent), '--rest-latency-ms', String(options.latencyMs)]);
  try {
    const base = `${emu.info.restBaseUrl}/v1`;
    const auth = `Basic ${Buffer.from(`${emu.info.apiKeySid}:${emu.info.apiKeySecret}`).toString('base64')}`;
    let throttled = 0;
    let requests = 0;
    let peakConcurrent = 0;
    const post = async (path: string, form: Record<string, string>): Promise<Record<string, unknown>> => {
      for (let attempt = 0; ; attempt++) {
        const res = await fetch(`${base}${path}`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
        const body = (await res.json()) as Record<string, unknown>;
        peakConcurrent = Math.max(peakConcurrent, Number(res.headers.get('twilio-concurrent-requests') ?? 0));
        if (res.status === 429) {
          throttled++;
          await new Promise((r) => setTimeout(r, Math.random() * Math.min(1000, 25 * 2 ** attempt)));
          continue;
        }
        if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
        requests++;
        return body;
      }
    };
    let next = 0;
    const sent: string[] = [];
    const cpuBefore = emu.cpuSeconds();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: options.workers }, async () => {
        for (let i = next++; i < options.recipients; i = next++) {
          const phone = `+1555${String(1_000_000 + i).slice(1)}`;
          const conv = await post('/Conversations', { FriendlyName: `Campaign ${phone}` });
          const sid = String(conv.sid);
          await post(`/Conversations/${sid}/Participants`, { 'MessagingBinding.Address': phone, 'MessagingBinding.ProxyAddress': '+15005550006' });
          await post(`/Conversations/${sid}/Messages`, { Body: 'Your order is delayed by a day. Reply STOP to opt out.', Attributes: JSON.stringify({ campaign: { id: 'bench', recipient: phone } }) });
          sent.push(sid);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const cpu = emu.cpuSeconds() - cpuBefore;
    // Every recipient's conversation holds its message: read a sample back.
    let lost = 0;
    for (const sid of sent.filter((_, i) => i % Math.max(1, Math.floor(sent.length / 50)) === 0)) {
      const res = await fetch(`${base}/Conversations/${sid}/Messages`, { headers: { authorization: auth } });
      const body = (await res.json()) as { messages?: unknown[] };
      if (body.messages?.length !== 1) lost++;
    }
    return {
      recipients: options.recipients,
      requests,
      throttled,
      seconds,
      rate: requests / seconds,
      ceiling: options.latencyMs > 0 ? options.maxConcurrent / (options.latencyMs / 1000) : null,
      cpuPerThousand: (cpu / requests) * 1000,
      peakConcurrent,
      lost,
    };
  } finally {
    await emu.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `npx tsx tests/bench/emulator-campaign.ts [recipients]`: one run, printed as JSON. */
if (process.argv[1]?.endsWith('emulator-campaign.ts')) {
  const recipients = Number(process.argv[2] ?? 1000);
  const latencyMs = Number(process.argv[3] ?? 100);
  const workers = Number(process.argv[4] ?? 10);
  campaignRun({ recipients, workers, maxConcurrent: 10, latencyMs }).then(
    (r) => {
      process.stdout.write(`${JSON.stringify(r)}\n`);
      process.exit(0);
    },
    (err: unknown) => {
      process.stderr.write(`${String(err)}\n`);
      process.exit(1);
    },
  );
}
