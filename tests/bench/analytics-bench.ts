/**
 * Analytics over 10,000 conversations / 100,000 messages (load seed: 10 messages each, no big
 * thread), with the emulator in its own process as in the app. Main's analytics service is the
 * app's (governed REST client, sealed cache with the dev safeStorage stand-in), measured:
 * - first open: an empty cache → the report of every conversation (the read ends, then the fold);
 * - reopen: the same range asked again in the same run (what reopening the screen does);
 * - restart: a new service over the saved cache (the app launched again) → its first report;
 * - refresh with nothing changed: the conversation list only, no message read.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../../electron/emulator';
import { createDevSafeStorage } from '../../electron/dev/dev-safe-storage';
import { createAnalyticsService } from '../../electron/main/analytics/analytics-service';
import { createRestClient } from '../../electron/main/rest/rest-client';
import type { AnalyticsRequest } from '../../shared/ipc/analytics-schema';
import { spawnEmulator } from './emulator-process';

export const ANALYTICS_CONVERSATIONS = 10_000;
export const ANALYTICS_MESSAGES_PER_CONVERSATION = 10;

export interface AnalyticsRun {
  seedMs: number;
  conversations: number;
  messages: number;
  /** First open → the conversation charts (opened, resolved, backlog) with every conversation, messages still being read. */
  chartsMs: number;
  firstOpenMs: number;
  reopenMs: number;
  restartMs: number;
  refreshMs: number;
}

const DAY = 86_400_000;

export async function analyticsRun(): Promise<AnalyticsRun> {
  const root = mkdtempSync(join(tmpdir(), 'desk-analytics-'));
  try {
    const seedStarted = performance.now();
    const seeded = await startEmulator({
      dataDir: join(root, 'emulator'),
      seed: { load: { conversations: ANALYTICS_CONVERSATIONS, messagesPerConversation: ANALYTICS_MESSAGES_PER_CONVERSATION, bigThread: 0 } },
    });
    await seeded.close();
    const seedMs = performance.now() - seedStarted;
    const emu = await spawnEmulator(['--port', '0', '--data', join(root, 'emulator')]);
    try {
      const { info } = emu;
      const rest = createRestClient({ accountSid: info.accountSid, apiKeySid: info.apiKeySid, apiKeySecret: info.apiKeySecret, serviceSid: info.serviceSid, restBaseUrl: info.restBaseUrl });
      const safeStorage = createDevSafeStorage(join(root, 'key'));
      let firstAnnounced: (() => void) | null = null;
      const make = () =>
        createAnalyticsService({
          dir: join(root, 'analytics'),
          safeStorage,
          platform: process.platform,
          scope: async () => ({ profileId: 'local', allowPlain: true }),
          client: async () => ({ rest, identity: 'agent@desk.local' }),
          publish: () => firstAnnounced?.(),
          log: (line) => process.stderr.write(`bench: ${line}\n`),
        });
      // The last 30 days, in this machine's calendar.
      const today = new Date();
      today.setHours(0, 0, 0, 0);
      const days = Array.from({ length: 31 }, (_, i) => {
        const d = new Date(today.getTime() - 29 * DAY);
        d.setDate(d.getDate() + i);
        return d.getTime();
      });
      const request: AnalyticsRequest = { days };

      const service = make();
      const announced = new Promise<void>((resolve) => (firstAnnounced = resolve));
      let started = performance.now();
      await service.report(request);
      // What the screen does on analytics:changed: ask again (the conversation charts, messages still being read).
      await announced;
      firstAnnounced = null;
      await service.report(request);
      const chartsMs = performance.now() - started;
      await service.idle();
      const full = await service.report(request);
      const firstOpenMs = performance.now() - started;

      started = performance.now();
      await service.report(request);
      const reopenMs = performance.now() - started;

      started = performance.now();
      await service.report({ ...request, refresh: true });
      await service.idle();
      const refreshMs = performance.now() - started;

      const again = make();
      started = performance.now();
      await again.report(request);
      const restartMs = performance.now() - started;
      await again.idle();
      rest.close();
      return { seedMs, conversations: full.status.conversations, messages: full.status.messages, chartsMs, firstOpenMs, reopenMs, restartMs, refreshMs };
    } finally {
      await emu.stop();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
