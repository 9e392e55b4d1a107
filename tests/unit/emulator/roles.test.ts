import { describe, expect, it } from 'vitest';
import { Permissions } from '../../../electron/emulator/conversations/permissions';
import { CHANNEL_ADMIN_ROLE, CHANNEL_USER_ROLE, SERVICE_ADMIN_ROLE, SERVICE_USER_ROLE } from '../../../electron/emulator/conversations/roles';
import { ConversationsService, type Actor } from '../../../electron/emulator/conversations/service';
import { DEMO_AGENT_IDENTITY, upgradeDemoAgentRoles } from '../../../electron/emulator/seed/demo';
import { Db } from '../../../electron/emulator/store/db';
import { SyncEngine } from '../../../electron/emulator/sync/engine';

const IDS = { accountSid: 'AC' + '1'.repeat(32), serviceSid: 'IS' + '2'.repeat(32), messagingServiceSid: 'MG' + '3'.repeat(32) };
const API: Actor = { identity: null, source: 'API' };

function world(db = Db.open()): { db: Db; svc: ConversationsService } {
  return { db, svc: new ConversationsService(db, new SyncEngine(db, 'https://cds.example', IDS), IDS) };
}

describe('roles in the domain', () => {
  it('gives the creator who joins the creator role, everyone else the default role, and users the service role', () => {
    const { svc } = world();
    const c = svc.createConversation({}, { identity: 'alice', source: 'SDK' });
    expect(svc.addParticipant(c.sid, { identity: 'alice' }, { identity: 'alice', source: 'SDK' }).roleSid).toBe(CHANNEL_ADMIN_ROLE);
    expect(svc.addParticipant(c.sid, { identity: 'bob' }, { identity: 'alice', source: 'SDK' }).roleSid).toBe(CHANNEL_USER_ROLE);
    expect(svc.addParticipant(c.sid, { address: '+14155550123', proxyAddress: '+15005550006' }, API).roleSid).toBe(CHANNEL_USER_ROLE);
    expect(svc.ensureUser('bob').roleSid).toBe(SERVICE_USER_ROLE);

    const custom = svc.roles.create({ friendlyName: 'reactor', type: 'conversation', permissions: ['sendMessage', 'editAnyMessageAttributes'] }, svc.clock.nowIso());
    svc.roles.setDefaults({ conversation: custom.sid });
    expect(svc.addParticipant(c.sid, { identity: 'carol' }, API).roleSid).toBe(custom.sid);
  });

  it('grants the union of the service role and the participant’s role, and only in that conversation', () => {
    const { svc } = world();
    const can = new Permissions(svc);
    const a = svc.createConversation({}, API);
    const b = svc.createConversation({}, API);
    svc.addParticipant(a.sid, { identity: 'bob' }, API);
    expect(can.granted('bob', a.sid).has('sendMessage')).toBe(true);
    expect(can.granted('bob', b.sid).has('sendMessage')).toBe(false);
    expect(() => can.require('bob', a.sid, 'editAnyMessageAttributes', 'react')).toThrow(expect.objectContaining({ status: 403, code: 50107 }));
    svc.updateUser('bob', { roleSid: SERVICE_ADMIN_ROLE });
    expect(() => can.require('bob', b.sid, 'editAnyMessageAttributes', 'react')).not.toThrow();
  });

  it('upgrades a Local workspace saved before roles once, and never over a role someone chose', () => {
    const { svc } = world();
    svc.ensureUser(DEMO_AGENT_IDENTITY);
    upgradeDemoAgentRoles(svc);
    expect(svc.findUser(DEMO_AGENT_IDENTITY)?.roleSid).toBe(SERVICE_ADMIN_ROLE);

    const later = world();
    later.svc.ensureUser(DEMO_AGENT_IDENTITY);
    later.svc.roles.setDefaults({ service: SERVICE_USER_ROLE });
    upgradeDemoAgentRoles(later.svc);
    expect(later.svc.findUser(DEMO_AGENT_IDENTITY)?.roleSid).toBe(SERVICE_USER_ROLE);
  });
});
