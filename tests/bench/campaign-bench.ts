/**
 * A campaign against the emulator at Twilio's limits (`--max-concurrent-requests 10
 * --rest-latency-ms 100`: a ceiling of 100 requests/s): the sustained request rate, duplicates and
 * losses after main is "killed" at 50% (its REST client closed mid-flight, a new one resumes from
 * the journal), and an agent's reply (a message at interactive priority) sent during the campaign.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { restCampaignApi, type CampaignApi } from '../../electron/main/campaigns/campaign-api';
import { openJournal } from '../../electron/main/campaigns/campaign-journal';
import { createCampaignRun, type RunDefinition } from '../../electron/main/campaigns/campaign-run';
import { RestClientClosedError } from '../../electron/main/rest/governed-transport';
import { createRestClient, type RestClient } from '../../electron/main/rest/rest-client';
import { campaignOfMessage } from '../../shared/domain/campaign-attributes';
import { spawnEmulator } from './emulator-process';
import { percentile } from './stats';

export interface CampaignBench {
  recipients: number;
  requestsPerSecond: number;
  duplicates: number;
  lost: number;
  replyP95Ms: number;
  replies: number;
}

const plainStorage = { isEncryptionAvailable: () => false, encryptString: () => Buffer.alloc(0), decryptString: () => '', getSelectedStorageBackend: () => 'basic_text' as const };

export async function campaignBench(recipients: number, log: (line: string) => void): Promise<CampaignBench> {
  const emulator = await spawnEmulator(['--port', '0', '--seed', 'none', '--max-concurrent-requests', '10', '--rest-latency-ms', '100']);
  const dir = mkdtempSync(join(tmpdir(), 'campaign-bench-'));
  const info = emulator.info as unknown as { accountSid: string; apiKeySid: string; apiKeySecret: string; serviceSid: string; restBaseUrl: string };
  const client = () => createRestClient({ ...info });
  try {
    const def: RunDefinition = {
      id: 'cmp_bench0000000001',
      name: 'Bench',
      from: '+15005550006',
      message: { kind: 'text', body: 'Your order ships Monday.' },
      author: 'lead@desk.local',
      recipients: Array.from({ length: recipients }, (_, i) => ({ address: `+1416${String(i).padStart(7, '0')}`, name: `C${i}`, fields: {} })),
    };
    let requests = 0;
    const counted = (api: CampaignApi): CampaignApi =>
      Object.fromEntries(Object.entries(api).map(([k, f]) => [k, (...a: unknown[]) => (requests++, (f as (...x: unknown[]) => unknown)(...a))])) as unknown as CampaignApi;
    const journalFile = join(dir, 'journal.log');
    const journal = () => openJournal({ file: journalFile, safeStorage: plainStorage as never, platform: 'linux', allowPlain: true });

    // The agent's reply target: a conversation the campaign does not touch.
    const agentRest = client();
    const svc = agentRest.twilio.conversations.v1.services(info.serviceSid);
    const target = await svc.conversations.create({ friendlyName: 'Agent thread' });

    let rest: RestClient = client();
    const replies: number[] = [];
    let replying = true;
    const replyLoop = (async () => {
      while (replying) {
        const started = performance.now();
        // Same governor as the campaign: the reply is main's, at interactive priority.
        await rest.withPriority('interactive', () => rest.twilio.conversations.v1.services(info.serviceSid).conversations(target.sid).messages.create({ author: 'agent', body: 'On it' })).catch(() => undefined);
        replies.push(performance.now() - started);
        await new Promise((r) => setTimeout(r, 250));
      }
    })();

    const started = performance.now();
    const first = createCampaignRun(def, { api: counted(restCampaignApi(rest)), journal: journal(), isClosed: (e) => e instanceof RestClientClosedError });
    await first.load();
    const firstSending = first.send();
    while (first.counts().sent < recipients / 2) await new Promise((r) => setTimeout(r, 50));
    log(`campaign: killed at ${first.counts().sent} sent`);
    rest.close();
    await firstSending.catch(() => undefined);
    rest = client();
    const second = createCampaignRun(def, { api: counted(restCampaignApi(rest)), journal: journal(), isClosed: (e) => e instanceof RestClientClosedError });
    await second.load();
    await second.send();
    const seconds = (performance.now() - started) / 1000;
    replying = false;
    await replyLoop;
    const requestsPerSecond = requests / seconds;
    log(`campaign: ${requests} requests in ${seconds.toFixed(1)} s`);

    // Count every recipient's campaign messages over REST.
    const perAddress = new Map<string, number>();
    const conversations = await agentRest.withPriority('background', () => svc.conversations.list({ pageSize: 1000, limit: 1_000_000 }));
    const others = conversations.filter((c) => c.sid !== target.sid);
    // Ten at a time: the emulator's own limit.
    for (let at = 0; at < others.length; at += 10) {
      const pages = await Promise.all(
        others.slice(at, at + 10).map((c) => agentRest.withPriority('background', () => svc.conversations(c.sid).messages.list({ pageSize: 50 }))),
      );
      for (const m of pages.flat()) {
        const mark = campaignOfMessage(m.attributes);
        if (mark?.id === def.id) perAddress.set(mark.recipient, (perAddress.get(mark.recipient) ?? 0) + 1);
      }
    }
    const duplicates = [...perAddress.values()].filter((n) => n > 1).length;
    const lost = def.recipients.filter((r) => !perAddress.has(r.address)).length;
    agentRest.close();
    rest.close();
    return { recipients, requestsPerSecond, duplicates, lost, replyP95Ms: percentile(replies, 95), replies: replies.length };
  } finally {
    await emulator.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
