import { describe, expect, it } from 'vitest';
import { ConversationsService } from '../../../electron/emulator/conversations/service';
import { DEMO_AGENT_IDENTITY, DEMO_SECOND_AGENT_IDENTITY } from '../../../electron/emulator/seed/demo';
import { queueConversationName, queueCustomerNumber, seedQueue } from '../../../electron/emulator/seed/queue';
import { Db } from '../../../electron/emulator/store/db';
import { SyncEngine } from '../../../electron/emulator/sync/engine';
import { deskAttributesSchema } from '../../../shared/ipc/team-schema';

const IDS = { accountSid: 'AC' + '1'.repeat(32), serviceSid: 'IS' + '2'.repeat(32), messagingServiceSid: 'MG' + '3'.repeat(32) };

function world() {
  const db = Db.open();
  return new ConversationsService(db, new SyncEngine(db, 'https://cds.example', IDS), IDS);
}

describe('the team-queue bench dataset', () => {
  it('fills the service with customer conversations the agents mostly take no part in', () => {
    const service = world();
    const now = Date.parse('2026-11-28T12:00:00Z');
    const summary = seedQueue(service, { conversations: 400, assigned: 40 }, now);
    expect(summary).toMatchObject({ conversations: 400, assigned: 40 });

    const all = [...service.conversations.values()].sort((a, b) => (a.dateCreated < b.dateCreated ? -1 : 1));
    expect(all).toHaveLength(400);
    expect(all[0]?.friendlyName).toBe(queueConversationName(0));
    expect(all.every((c) => Date.parse(c.dateCreated) < now)).toBe(true);

    const perAgent = new Map<string, number>();
    let messages = 0;
    for (const c of all) {
      const roster = [...service.roster(c.sid)];
      const customers = roster.filter((p) => p.type !== 'chat');
      expect(customers).toHaveLength(1);
      const desk = deskAttributesSchema.parse((JSON.parse(c.attributes) as { desk?: unknown }).desk ?? {});
      const agents = roster.filter((p) => p.type === 'chat').map((p) => p.identity);
      // An assignee is also a participant; nobody else from the team is.
      expect(agents).toEqual(desk.assignee ? [desk.assignee] : []);
      if (desk.assignee) perAgent.set(desk.assignee, (perAgent.get(desk.assignee) ?? 0) + 1);
      if (c.state === 'inactive') expect(Date.parse(desk.snoozedUntil ?? '')).toBeGreaterThan(now);
      const thread = service.messagesOf(c.sid);
      expect(thread.length).toBeGreaterThanOrEqual(1);
      expect(thread.every((m) => m.author === customers[0]?.address)).toBe(true);
      messages += thread.length;
    }
    expect(messages).toBe(summary.messages);
    expect(Object.fromEntries(perAgent)).toEqual({ [DEMO_AGENT_IDENTITY]: 20, [DEMO_SECOND_AGENT_IDENTITY]: 20 });
    const states = all.map((c) => c.state);
    expect(states.filter((s) => s === 'closed')).toHaveLength(16);
    expect(states.filter((s) => s === 'inactive').length).toBeGreaterThan(0);
    expect(new Set(all.map((c) => [...service.roster(c.sid)].find((p) => p.type !== 'chat')?.address?.replace('whatsapp:', ''))).size).toBe(400);
    expect(service.findByBinding(queueCustomerNumber(0), '+15005550006')?.conversationSid).toBe(all[0]?.sid);
  });
});
