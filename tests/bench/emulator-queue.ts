import { DEMO_AGENT_IDENTITY } from '../../electron/emulator/seed/demo';
import type { Dataset } from './datasets';
import { spawnEmulator } from './emulator-process';
import { percentile } from './stats';

export interface QueueWalk {
  /** Emulator process spawn → ready, over the seeded data dir. */
  startupMs: number;
  /** Every conversation of the service read through `next_page_url`, PageSize=1000. */
  walkMs: number;
  conversations: number;
  pages: number;
  pageP50Ms: number;
  pageP95Ms: number;
  /** The first page (50) of the demo agent's User Conversations, as the desk's cold start reads it. */
  userConversationsMs: number;
  rssMb: number;
}

/**
 * What the team queue costs the emulator: a service-wide read of every conversation over REST,
 * page by page as main's queue reads it (Twilio's largest page, 1,000), in the emulator's own
 * process over the queue dataset.
 */
export async function walkQueue(data: Dataset): Promise<QueueWalk> {
  const emu = await spawnEmulator(['--port', '0', '--data', data.dir]);
  try {
    const { restBaseUrl, apiKeySid, apiKeySecret, serviceSid } = emu.info;
    const headers = { authorization: 'Basic ' + Buffer.from(`${apiKeySid}:${apiKeySecret}`).toString('base64') };
    const get = async <T>(url: string): Promise<T> => {
      const res = await fetch(url, { headers });
      if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    };
    const pageTimes: number[] = [];
    let conversations = 0;
    let url: string | null = `${restBaseUrl}/v1/Services/${serviceSid}/Conversations?PageSize=1000`;
    const started = performance.now();
    while (url) {
      const t = performance.now();
      const page: { conversations: unknown[]; meta: { next_page_url: string | null } } = await get(url);
      pageTimes.push(performance.now() - t);
      conversations += page.conversations.length;
      url = page.meta.next_page_url;
    }
    const walkMs = performance.now() - started;
    const t = performance.now();
    await get(`${restBaseUrl}/v1/Users/${encodeURIComponent(DEMO_AGENT_IDENTITY)}/Conversations?PageSize=50`);
    const userConversationsMs = performance.now() - t;
    return {
      startupMs: emu.startupMs,
      walkMs,
      conversations,
      pages: pageTimes.length,
      pageP50Ms: percentile(pageTimes, 50),
      pageP95Ms: percentile(pageTimes, 95),
      userConversationsMs,
      rssMb: emu.rssBytes() / 1024 / 1024,
    };
  } finally {
    await emu.stop();
  }
}
