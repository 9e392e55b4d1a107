import { describe, expect, it } from 'vitest';
import { ConversationsService } from '../../../electron/emulator/conversations/service';
import type { Router } from '../../../electron/emulator/http/router';
import { Db } from '../../../electron/emulator/store/db';
import { SyncEngine } from '../../../electron/emulator/sync/engine';
import { clientRoutes } from '../../../electron/emulator/tunnel/client-routes';
import { clientUrls } from '../../../electron/emulator/tunnel/client-responses';
import type { UpstreamContext } from '../../../electron/emulator/tunnel/context';
import { syncRoutes } from '../../../electron/emulator/tunnel/sync-routes';
import { TwilioError } from '../../../electron/emulator/util/errors';
import { HOSTILE_STRINGS, HOSTILE_VALUES, pick, prng } from '../../helpers/fuzz';

const IDS = { accountSid: 'AC' + '1'.repeat(32), serviceSid: 'IS' + '2'.repeat(32), messagingServiceSid: 'MG' + '3'.repeat(32) };
const API = { identity: null, source: 'API' as const };

/**
 * The SDK's tunnelled calls (twilsock → Conversations and Sync routes) with hostile bodies and
 * queries. The hub turns a TwilioError into its status and anything else into a 500, so every
 * throw here must be a TwilioError with a 4xx status, including work deferred until after the
 * reply (subscriptions), which would otherwise be an unhandled error in the socket's loop.
 */
describe('hostile input over the twilsock tunnel', () => {
  it('answers random bodies and queries on every tunnelled route with a 4xx TwilioError', async () => {
    const db = Db.open();
    const sync = new SyncEngine(db, 'https://cds.example', IDS);
    const svc = new ConversationsService(db, sync, IDS);
    const conv = svc.createConversation({ uniqueName: 'room' }, API);
    svc.addParticipant(conv.sid, { identity: 'alice' }, API);
    svc.addParticipant(conv.sid, { address: '+14155550100', proxyAddress: '+15005550006' }, API);
    const msg = svc.sendMessage(conv.sid, { author: 'alice', body: 'hi' }, { identity: 'alice', source: 'SDK' });
    const user = svc.ensureUser('alice');

    const routers: Array<Router<UpstreamContext>> = [clientRoutes(svc, clientUrls(IDS.serviceSid, 'http://127.0.0.1:1')), syncRoutes(sync)];
    const S = `/Client/v2/Services/${IDS.serviceSid}`;
    const calls: Array<[string, string]> = [
      ['GET', '/Client/v2/Configuration'],
      ['GET', `${S}/Users/alice/Conversations`],
      ['POST', `${S}/Users/alice/Conversations/${conv.sid}`],
      ['POST', `${S}/Conversations`],
      ['POST', `${S}/Conversations/${conv.sid}`],
      ['POST', `${S}/Conversations/${conv.sid}/Participants`],
      ['POST', `${S}/Conversations/${conv.sid}/Participants/alice`],
      ['POST', `${S}/Conversations/${conv.sid}/Messages`],
      ['POST', `${S}/Conversations/${conv.sid}/Messages/${msg.sid}`],
      ['GET', `${S}/Conversations/${conv.sid}/Messages/${msg.sid}/Receipts`],
      ['GET', `${S}/Users/alice`],
      ['POST', `${S}/Users/alice`],
      ['POST', `/v1/Services/${IDS.serviceSid}/Typing`],
      ['GET', `/v3/Lists/${conv.messagesListSid}/Items`],
      ['GET', `/v3/Maps/${conv.rosterMapSid}/Items`],
      ['GET', `/v3/Maps/${user.infoMapSid}`],
      ['GET', `/v3/Documents/${conv.documentSid}`],
      ['POST', '/v4/Subscriptions'],
    ];
    const KEYS = ['friendly_name', 'unique_name', 'attributes', 'identity', 'messaging_binding', 'body', 'subject', 'media_sids', 'content_sid', 'notification_level', 'last_read_message_index', 'ChannelSid', 'action', 'requests', 'correlation_id'];
    const QUERY = ['Index', 'From', 'PageSize', 'Order', 'Key', 'PageToken', 'Include'];
    const notified: unknown[] = [];

    const rand = prng(4);
    let refused = 0;
    for (let round = 0; round < 60; round++) {
      for (const [method, path] of calls) {
        const body: Record<string, unknown> = {};
        const query: Record<string, string> = {};
        for (let i = 0; i < 1 + Math.floor(rand() * 3); i++) {
          const value = pick(rand, HOSTILE_VALUES);
          if (value !== undefined) body[pick(rand, KEYS)] = value;
          query[pick(rand, QUERY)] = pick(rand, HOSTILE_STRINGS);
        }
        if (path === '/v4/Subscriptions' && rand() < 0.5) {
          body.requests = [pick(rand, HOSTILE_VALUES), { object_sid: pick(rand, [conv.rosterMapSid, ...HOSTILE_STRINGS]), object_type: pick(rand, ['map', 'list', 7]), last_event_id: pick(rand, HOSTILE_VALUES) }];
        }
        const deferred: Array<() => void> = [];
        const ctx: UpstreamContext = {
          identity: 'alice',
          connection: { notify: (_t, payload) => notified.push(payload), afterReply: (fn) => deferred.push(fn) },
          query,
          body,
        };
        const what = `${method} ${path} ${JSON.stringify(body).slice(0, 200)} ${JSON.stringify(query)}`;
        try {
          for (const router of routers) {
            const match = router.match(method, path);
            if (match.kind !== 'found') continue;
            const reply = await match.handler(ctx, match.params);
            expect({ what, status: reply.status < 500 }).toEqual({ what, status: true });
            for (const fn of deferred) fn();
            break;
          }
        } catch (err) {
          refused++;
          const status = err instanceof TwilioError ? err.status : 500;
          expect({ what, error: String(err), status }).toEqual({ what, error: String(err), status: expect.any(Number) as number });
          expect({ what, error: String(err), serverError: status >= 500 }).toEqual({ what, error: String(err), serverError: false });
        }
      }
    }
    // The fuzzer did reach the refusals it is here to check.
    expect(refused).toBeGreaterThan(100);
  });

  it('checks both fields of a user-conversation update before applying either', async () => {
    const db = Db.open();
    const sync = new SyncEngine(db, 'https://cds.example', IDS);
    const svc = new ConversationsService(db, sync, IDS);
    const conv = svc.createConversation({}, API);
    svc.addParticipant(conv.sid, { identity: 'alice' }, API);
    const match = clientRoutes(svc, clientUrls(IDS.serviceSid, 'http://127.0.0.1:1')).match('POST', `/Client/v2/Services/${IDS.serviceSid}/Users/alice/Conversations/${conv.sid}`);
    if (match.kind !== 'found') throw new Error('route not found');
    const ctx = (body: Record<string, unknown>): UpstreamContext => ({ identity: 'alice', connection: { notify: () => undefined, afterReply: () => undefined }, query: {}, body });
    const memory = db.dump();
    await expect(Promise.resolve().then(() => match.handler(ctx({ notification_level: 'muted', last_read_message_index: 'soon' }), match.params))).rejects.toMatchObject({ status: 400 });
    expect(db.dump()).toBe(memory);
    expect(svc.participantOfIdentity(conv.sid, 'alice')?.notificationLevel).toBe('default');
    const reply = await match.handler(ctx({ notification_level: 'muted' }), match.params);
    expect(reply.status).toBe(200);
    expect(svc.participantOfIdentity(conv.sid, 'alice')?.notificationLevel).toBe('muted');
  });
});
