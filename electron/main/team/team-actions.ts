import { randomUUID } from 'node:crypto';
import type { AssignRequest, AssignResult, QueueRow, StateRequest, TeamMessages, TeamMessagesRequest } from '../../../shared/ipc/team-schema';
import { english, type Translate } from '../desktop/locale';
import type { RestClient } from '../rest/rest-client';
import { parseAttributes, withDesk } from './desk-attributes';
import { toQueueRow, type ConversationLike, type ParticipantLike } from './queue-rows';
import { closedError, toDeskError, twilioCode, TWILIO_CODES } from './twilio-errors';

export interface TeamActionsDeps {
  rest: RestClient;
  /** The row as the queue knows it (for channel and customer, which an action does not change). */
  known(sid: string): QueueRow | undefined;
  /**
   * How long a claim waits before reading the conversation back. Twilio has no compare-and-set
   * on attributes: a rival who read before our write writes within about one round trip, so
   * reading back after that window tells whose write stands.
   */
  settleMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** The desk's language, for the errors the agent reads. */
  t?: Translate;
}

export interface AssignHooks {
  /** The claim is written (not yet settled): other desks can re-read it now rather than after the race check. */
  claimed?(row: QueueRow): void;
}

export interface TeamActions {
  assign(request: AssignRequest, hooks?: AssignHooks): Promise<AssignResult>;
  /** The conversation as Twilio has it now. */
  current(sid: string): Promise<QueueRow>;
  setState(request: StateRequest): Promise<QueueRow>;
  /** Background wake-up of a snoozed conversation whose time came (state active, wake-up cleared), or clears the wake-up time of one a message woke. */
  wake(sid: string): Promise<QueueRow | null>;
  messages(request: TeamMessagesRequest): Promise<TeamMessages>;
}

/** Participants the desk added as assignees carry this in their attributes, so a winner can tidy up rivals. */
const ASSIGNEE_MARK = JSON.stringify({ desk: { assignee: true } });

const isDeskAssignee = (p: ParticipantLike): boolean => parseAttributes(p.attributes ?? null).all['desk'] !== undefined &&
  (parseAttributes(p.attributes ?? null).all['desk'] as { assignee?: unknown }).assignee === true;

export function createTeamActions({ rest, known, settleMs = 300, sleep, t = english }: TeamActionsDeps): TeamActions {
  const wait = sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const conversation = (sid: string) => rest.twilio.conversations.v1.services(rest.serviceSid).conversations(sid);
  const fetch = async (sid: string) => (await conversation(sid).fetch()) as unknown as ConversationLike;
  const row = (c: ConversationLike): QueueRow => {
    const before = known(c.sid);
    return toQueueRow(c, before ? { channel: before.channel, customer: before.customer } : undefined);
  };
  const serverIso = (ms: number) => new Date(ms).toISOString();

  const refuseClosed = (c: ConversationLike) => {
    if (c.state === 'closed') throw closedError(t);
  };

  const participants = async (sid: string) =>
    (await conversation(sid).participants.list({ pageSize: 100, limit: 1000 })) as unknown as ParticipantLike[];

  const removeParticipant = async (sid: string, participantSid: string) => {
    try {
      await conversation(sid).participants(participantSid).remove();
    } catch (error) {
      if (twilioCode(error) !== TWILIO_CODES.participantNotFound && twilioCode(error) !== TWILIO_CODES.notFound) throw error;
    }
  };

  /** Adds the assignee as a chat participant; false when they already were one (50433). */
  const addAssignee = async (sid: string, identity: string): Promise<string | null> => {
    try {
      const created = (await conversation(sid).participants.create({ identity, attributes: ASSIGNEE_MARK })) as unknown as ParticipantLike;
      return created.sid;
    } catch (error) {
      if (twilioCode(error) === TWILIO_CODES.participantExists) return null;
      throw error;
    }
  };

  /**
   * A lost claim: the write we saw over ours may itself be overtaken by a third desk's, so the
   * answer names the holder once the race has had time to settle.
   */
  const taken = async (sid: string): Promise<AssignResult> => {
    await wait(settleMs);
    const settled = await fetch(sid);
    return { outcome: 'taken', assignee: parseAttributes(settled.attributes).desk.assignee ?? null, row: row(settled) };
  };

  const assign = async ({ conversationSid: sid, assignee: target, expected }: AssignRequest, hooks: AssignHooks = {}): Promise<AssignResult> => {
    const before = await fetch(sid);
    refuseClosed(before);
    const current = parseAttributes(before.attributes);
    const holder = current.desk.assignee ?? null;
    // Someone else holds it; their own claim may still be settling against a third desk's.
    if (expected !== undefined && holder !== expected) return taken(sid);
    if (holder === target) return { outcome: target ? 'assigned' : 'unassigned', assignee: target, row: row(before) };

    const claim = randomUUID();
    const claimed = (await conversation(sid).update({
      attributes: withDesk(current, {
        assignee: target,
        assignedAt: target ? serverIso(rest.clock.now()) : null,
        claim,
      }),
    })) as unknown as ConversationLike;
    hooks.claimed?.(row(claimed));
    await wait(settleMs);
    const afterWrite = await fetch(sid);
    const won = (c: ConversationLike) => parseAttributes(c.attributes).desk.claim === claim;
    if (!won(afterWrite)) return taken(sid);

    let added: string | null = null;
    if (target) {
      try {
        added = await addAssignee(sid, target);
      } catch (error) {
        // Nobody half-assigned: the attributes go back to who had it if our claim still stands.
        const latest = await fetch(sid).catch(() => null);
        if (latest && won(latest)) {
          await conversation(sid)
            .update({ attributes: withDesk(parseAttributes(latest.attributes), { assignee: holder, assignedAt: current.desk.assignedAt ?? null, claim: null }) })
            .catch(() => undefined);
        }
        throw toDeskError(error, { identity: target, t });
      }
    }
    const final = await fetch(sid);
    if (!won(final)) {
      if (added) await removeParticipant(sid, added);
      return taken(sid);
    }
    // The previous assignee leaves (transfer, unassign), and so does any rival whose claim lost.
    for (const p of await participants(sid)) {
      if (!p.identity || p.identity === target) continue;
      if (p.identity === holder || isDeskAssignee(p)) await removeParticipant(sid, p.sid);
    }
    return { outcome: target ? 'assigned' : 'unassigned', assignee: target, row: row(final) };
  };

  const setState = async (request: StateRequest): Promise<QueueRow> => {
    const before = await fetch(request.conversationSid);
    const attrs = parseAttributes(before.attributes);
    if (request.action === 'reopen' || request.action === 'snooze') refuseClosed(before);
    if (request.action === 'resolve' && before.state === 'closed') return row(before);
    const update =
      request.action === 'resolve'
        ? { state: 'closed' as const, attributes: withDesk(attrs, { snoozedUntil: null }) }
        : request.action === 'snooze'
          ? { state: 'inactive' as const, attributes: withDesk(attrs, { snoozedUntil: serverIso(rest.clock.toServer(request.until)) }) }
          : { state: 'active' as const, attributes: withDesk(attrs, { snoozedUntil: null }) };
    const after = (await conversation(request.conversationSid).update(update)) as unknown as ConversationLike;
    return row(after);
  };

  const wake = async (sid: string): Promise<QueueRow | null> => {
    const before = await fetch(sid);
    const attrs = parseAttributes(before.attributes);
    const until = attrs.desk.snoozedUntil ? Date.parse(attrs.desk.snoozedUntil) : NaN;
    if (Number.isNaN(until)) return null;
    // The customer wrote: Twilio made it active already; only the stale wake-up time goes.
    if (before.state === 'active') {
      const after = (await conversation(sid).update({ attributes: withDesk(attrs, { snoozedUntil: null }) })) as unknown as ConversationLike;
      return row(after);
    }
    // Someone may have resolved or snoozed it again since the queue saw it.
    if (before.state !== 'inactive' || until > rest.clock.now()) return null;
    const after = (await conversation(sid).update({ state: 'active', attributes: withDesk(attrs, { snoozedUntil: null }) })) as unknown as ConversationLike;
    return row(after);
  };

  const messages = async ({ conversationSid: sid, pageToken }: TeamMessagesRequest): Promise<TeamMessages> => {
    const page = await conversation(sid).messages.page({ pageSize: 50, order: 'desc', ...(pageToken ? { pageToken } : {}) });
    const next = page.getNextPageUrl() ?? null;
    const token = next ? new URL(next, 'https://conversations.twilio.com').searchParams.get('PageToken') : null;
    const list = (page.instances as unknown as { sid: string; index: number; author: string | null; body: string | null; dateCreated: Date | null; media: unknown }[])
      .map((m) => ({
        sid: m.sid,
        index: m.index,
        author: m.author?.slice(0, 256) ?? null,
        body: m.body?.slice(0, 10_000) ?? null,
        dateCreated: m.dateCreated instanceof Date ? m.dateCreated.getTime() : 0,
        media: Array.isArray(m.media) ? m.media.length : 0,
      }))
      .reverse();
    return { messages: list, olderPageToken: token };
  };

  const guarded =
    <A, R>(fn: (arg: A) => Promise<R>, identityOf?: (arg: A) => string | null) =>
    (arg: A): Promise<R> =>
      rest.withPriority('interactive', () => fn(arg)).catch((error: unknown) => {
        const desk = toDeskError(error, { identity: identityOf?.(arg) ?? null, t });
        rest.noteError(desk.message);
        throw desk;
      });

  const guardedAssign = guarded(({ request, hooks }: { request: AssignRequest; hooks?: AssignHooks }) => assign(request, hooks), ({ request }) => request.assignee);

  return {
    assign: (request, hooks) => guardedAssign({ request, hooks }),
    current: async (sid) => row(await fetch(sid)),
    setState: guarded(setState),
    wake: (sid) => wake(sid),
    messages: guarded(messages),
  };
}
