import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../../electron/emulator';
import { loadConversationName } from '../../electron/emulator/seed/load';
import { QUEUE_DEFAULTS, queueConversationName } from '../../electron/emulator/seed/queue';

export const BIG_THREAD = 20_000;
export const MESSAGES_PER_CONVERSATION = 3;
/** The two newest conversations of a load-seeded workspace, newest first. */
export const NEWEST = 'Two agents';
export const BIG_THREAD_NAME = 'Big thread';
export const bigThreadNewest = `#${BIG_THREAD - 1} `;
export { loadConversationName, queueConversationName };
/** Conversations in the team-queue dataset: the "Unassigned queue of 100,000 service-wide conversations". */
export const QUEUE_CONVERSATIONS = 100_000;

export interface Dataset {
  conversations: number;
  dir: string;
  /** Wall time of seeding through the service and writing the data dir. */
  seedMs: number;
  remove(): void;
}

/** A Local-workspace data dir with `conversations` conversations, one of them a 20,000-message thread. */
export async function buildDataset(conversations: number): Promise<Dataset> {
  const root = mkdtempSync(join(tmpdir(), `desk-data-${conversations}-`));
  const dir = join(root, 'emulator');
  const started = performance.now();
  const emulator = await startEmulator({ dataDir: dir, seed: { load: { conversations, messagesPerConversation: MESSAGES_PER_CONVERSATION, bigThread: BIG_THREAD } } });
  await emulator.close();
  return { conversations, dir, seedMs: performance.now() - started, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/**
 * A Local-workspace data dir holding a team backlog of `conversations` service-wide
 * conversations (seed/queue.ts): one SMS or WhatsApp customer and a message or two each, a few
 * hundred assigned to the demo agents (`attributes.desk.assignee`), some resolved and some snoozed.
 */
export async function buildQueueDataset(conversations = QUEUE_CONVERSATIONS, assigned: number = QUEUE_DEFAULTS.assigned): Promise<Dataset> {
  const root = mkdtempSync(join(tmpdir(), `desk-queue-${conversations}-`));
  const dir = join(root, 'emulator');
  const started = performance.now();
  const emulator = await startEmulator({ dataDir: dir, seed: { queue: { conversations, assigned } } });
  await emulator.close();
  return { conversations, dir, seedMs: performance.now() - started, remove: () => rmSync(root, { recursive: true, force: true }) };
}
