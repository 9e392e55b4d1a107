import { teamFeedUniqueName, type FeedEvent } from '../../../shared/ipc/team-schema';
import type { RestClient } from '../rest/rest-client';
import { httpStatus, twilioCode, TWILIO_CODES } from './twilio-errors';

/** "Conversation with provided unique name already exists": another desk created the feed first. */
const UNIQUE_NAME_TAKEN = 50353;
/** Closed feeds skipped before giving up (each one was closed by a timer or an admin). */
const MAX_FEED_GENERATIONS = 100;

export interface TeamFeedDeps {
  rest: RestClient;
  /** The desk's own identity: it joins the feed, and authors what this desk posts. */
  identity: string;
  /** Feed messages older than this are deleted (they have done their work within seconds). */
  keepMs?: number;
  /** How often this desk trims the feed. */
  trimEveryMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  log?: (line: string) => void;
}

export interface TeamFeed {
  /** Finds or creates the feed and joins it, then trims it now and then. */
  start(): void;
  stop(): void;
  /** Resolves to the feed's SID once found (null when it could not be reached or joined). */
  ready(): Promise<string | null>;
  /** Tells every other desk of an action; never throws (the action itself already succeeded). */
  post(event: FeedEvent): Promise<void>;
  /** Deletes feed messages older than `keepMs`; resolves to how many went. */
  trim(): Promise<number>;
}

type MessageLike = { sid: string; dateCreated: Date | string | null };
type Page = { instances: MessageLike[]; nextPage(): Promise<Page | undefined> };

const isNotFound = (error: unknown): boolean => {
  const code = twilioCode(error);
  return code === TWILIO_CODES.notFound || code === TWILIO_CODES.conversationNotFound || httpStatus(error) === 404;
};

/** The short body a feed message carries, for anyone who looks at the feed in Twilio's console. */
export const feedBody = (event: FeedEvent): string => `${event.kind} ${event.conversationSid}`;

/**
 * The team feed: Twilio pushes nothing service-wide to a desktop client (webhooks need a public
 * URL) and an agent's SDK hears only conversations the agent is in. So every desk joins one
 * conversation, `desk-team-feed`, and main posts a small message there after each action; every
 * other desk's SDK hears it live and reads that one conversation again. It costs each agent one
 * of their 1,000 conversations, and a REST write per action.
 */
export function createTeamFeed(deps: TeamFeedDeps): TeamFeed {
  const { rest, identity, keepMs = 60 * 60_000, trimEveryMs = 10 * 60_000, log = () => {} } = deps;
  const setTimer = deps.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms).unref());
  const clearTimer = deps.clearTimer ?? ((handle: unknown) => clearTimeout(handle as NodeJS.Timeout));
  const conversations = () => rest.twilio.conversations.v1.services(rest.serviceSid).conversations;
  let joining: Promise<string | null> | null = null;
  let timer: unknown = null;
  let stopped = false;

  /** The feed under this unique name, null when there is none or it is closed (closed is final). */
  const find = async (name: string): Promise<{ sid: string; closed: boolean } | null> => {
    try {
      const c = (await conversations()(name).fetch()) as unknown as { sid: string; state?: string };
      return { sid: c.sid, closed: c.state === 'closed' };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  };

  const findOrCreate = async (): Promise<string> => {
    for (let generation = 1; generation <= MAX_FEED_GENERATIONS; generation++) {
      const uniqueName = teamFeedUniqueName(generation);
      const found = await find(uniqueName);
      if (found?.closed) continue;
      if (found) return found.sid;
      try {
        const created = (await conversations().create({
          uniqueName,
          friendlyName: 'Conversations Desk team feed',
          attributes: JSON.stringify({ deskFeed: { role: 'feed' } }),
        })) as unknown as { sid: string };
        return created.sid;
      } catch (error) {
        // Two desks starting together: the other one's feed is ours too.
        if (twilioCode(error) !== UNIQUE_NAME_TAKEN) throw error;
        const raced = await find(uniqueName);
        if (!raced) throw error;
        if (!raced.closed) return raced.sid;
      }
    }
    throw new Error(`the last ${MAX_FEED_GENERATIONS} team feeds are all closed`);
  };

  const join = async (): Promise<string | null> => {
    try {
      // Not found (no desk has made the feed yet), taken (another desk just did) and already a
      // participant are answers here, not failures for the API health line.
      const sid = await rest.withPriority('background', () => rest.expecting([404, 409], findOrCreate));
      try {
        await rest.withPriority('background', () => rest.expecting([409], () => conversations()(sid).participants.create({ identity })));
      } catch (error) {
        if (twilioCode(error) !== TWILIO_CODES.participantExists) throw error;
      }
      return sid;
    } catch (error) {
      // Without the feed the queue still refreshes on its timer: slower, not broken.
      log(`team feed: could not join: ${(error as Error).message}`);
      return null;
    }
  };

  const ready = (): Promise<string | null> => {
    joining ??= join().then((sid) => {
      // A failed join is tried again by the next action rather than never.
      if (sid === null) joining = null;
      return sid;
    });
    return joining;
  };

  const post = async (event: FeedEvent): Promise<void> => {
    if (stopped) return;
    try {
      const sid = await ready();
      if (!sid) return;
      await rest.withPriority('interactive', () =>
        conversations()(sid).messages.create({ author: identity, body: feedBody(event), attributes: JSON.stringify({ deskFeed: event }) }),
      );
    } catch (error) {
      // Closed under us: the next action finds or makes the next feed.
      if (twilioCode(error) === TWILIO_CODES.conversationClosed) joining = null;
      log(`team feed: could not post ${event.kind}: ${(error as Error).message}`);
    }
  };

  const trim = async (): Promise<number> => {
    const sid = await ready();
    if (!sid || stopped) return 0;
    const cutoff = rest.clock.now() - keepMs;
    let removed = 0;
    try {
      let page: Page | undefined = (await rest.withPriority('background', () =>
        conversations()(sid).messages.page({ order: 'asc', pageSize: 100 }),
      )) as unknown as Page;
      while (page && !stopped) {
        for (const m of page.instances) {
          const at = m.dateCreated instanceof Date ? m.dateCreated.getTime() : Date.parse(m.dateCreated ?? '');
          // Oldest first: the first young one ends the trim.
          if (!(at < cutoff)) return removed;
          try {
            await rest.withPriority('background', () => rest.expecting([404], () => conversations()(sid).messages(m.sid).remove()));
            removed++;
          } catch (error) {
            // Another desk trimmed it a moment ago.
            if (!isNotFound(error) && twilioCode(error) !== TWILIO_CODES.messageNotFound) throw error;
          }
        }
        const current: Page = page;
        page = await rest.withPriority('background', () => current.nextPage());
      }
    } catch (error) {
      log(`team feed: could not trim: ${(error as Error).message}`);
    }
    return removed;
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimer(() => {
      timer = null;
      void trim().finally(schedule);
    }, trimEveryMs);
  };

  return {
    start() {
      if (stopped || timer !== null) return;
      void trim();
      schedule();
    },
    stop() {
      stopped = true;
      if (timer !== null) clearTimer(timer);
      timer = null;
    },
    ready,
    post,
    trim,
  };
}
