import type { Translate } from '../desktop/locale';
import type { Publish } from '../events';
import { createRestClient, type RestAccess, type RestClient, type RestClientOptions } from '../rest/rest-client';
import type { FeedKind, QueueRow, StateRequest } from '../../../shared/ipc/team-schema';
import { createTeamActions, type TeamActionsDeps } from './team-actions';
import { createTeamFeed, type TeamFeedDeps } from './team-feed';
import { createTeamQueue, type TeamQueueDeps } from './team-queue';
import type { TeamPort } from './team-port';
import { readApprovals } from './template-approvals';
import { toDeskError } from './twilio-errors';

export interface TeamServiceDeps {
  access: RestAccess;
  publish: Publish;
  /** The desk's own identity, always counted as an agent. */
  identity: string;
  rest?: RestClientOptions;
  queue?: Pick<TeamQueueDeps, 'intervalMs' | 'pageSize' | 'participantBudget' | 'fullReadEvery' | 'setTimer' | 'clearTimer'>;
  actions?: Pick<TeamActionsDeps, 'settleMs' | 'sleep'>;
  feed?: Pick<TeamFeedDeps, 'keepMs' | 'trimEveryMs' | 'setTimer' | 'clearTimer'>;
  /** The desk's language, for the errors the agent reads. */
  t?: Translate;
  log?: (line: string) => void;
}

export interface TeamService extends TeamPort {
  readonly rest: RestClient;
  /** The chat identity this service acts as (customer profiles name it as who saved). */
  readonly identity?: string;
  start(): void;
  stop(): void;
}

const STATE_KINDS: Record<StateRequest['action'], FeedKind> = { resolve: 'resolved', snooze: 'snoozed', reopen: 'reopened' };

const ADDRESS_LIKE = /^(\+?\d[\d\s-]*|(whatsapp|sms|messenger):.*)$/i;
const AGENT_REFRESH_MS = 5 * 60_000;

/** Agents: users marked `role: agent` in their attributes when any are, else every identity that is not a phone address. */
export function pickAgents(users: readonly { identity: string; attributes?: string | null }[]): string[] {
  const marked = users.filter((u) => {
    try {
      const attrs = JSON.parse(u.attributes ?? '{}') as { role?: unknown };
      return attrs.role === 'agent';
    } catch {
      return false;
    }
  });
  const chosen = marked.length > 0 ? marked : users.filter((u) => !ADDRESS_LIKE.test(u.identity));
  return [...new Set(chosen.map((u) => u.identity))].sort((a, b) => a.localeCompare(b));
}

/** The agent inbox for one profile: one REST client shared by the queue and the actions. */
export function createTeamService(deps: TeamServiceDeps): TeamService {
  const log = deps.log ?? (() => {});
  const rest = createRestClient(deps.access, deps.rest);
  let agentSet = new Set<string>([deps.identity]);
  let agentsReadAt = -Infinity;

  const readAgents = async (priority: 'interactive' | 'background'): Promise<string[]> => {
    const users = await rest.withPriority(priority, () =>
      rest.twilio.conversations.v1.services(rest.serviceSid).users.list({ pageSize: 1000, limit: 10_000 }),
    );
    const identities = pickAgents(users as unknown as { identity: string; attributes?: string | null }[]);
    agentSet = new Set([deps.identity, ...identities]);
    agentsReadAt = Date.now();
    return identities;
  };

  const feed = createTeamFeed({ ...deps.feed, rest, identity: deps.identity, log });
  /** Every other desk hears of the change on the team feed (posted after the agent has their answer). */
  const announce = (kind: FeedKind, row: QueueRow) => {
    void feed.post({ v: 1, conversationSid: row.sid, kind, assignee: row.assignee, state: row.state });
  };

  const queue = createTeamQueue({
    ...deps.queue,
    rest,
    publish: deps.publish,
    isAgent: (identity) => agentSet.has(identity),
    wake: async (sid) => {
      const row = await actions.wake(sid);
      if (row) {
        queue.put(row);
        announce('woke', row);
      }
    },
    log,
  });
  const actions = createTeamActions({ ...deps.actions, rest, known: (sid) => queue.get(sid), t: deps.t });

  return {
    rest,
    identity: deps.identity,
    start() {
      feed.start();
      if (Date.now() - agentsReadAt <= AGENT_REFRESH_MS) return queue.start();
      // Agents first: a chat conversation's customer is its first participant who is not an agent,
      // and a teammate taken for a customer would link all their conversations as one customer's.
      void readAgents('background')
        .catch((e: unknown) => log(`team: agents: ${(e as Error).message}`))
        .finally(() => queue.start());
    },
    stop() {
      queue.stop();
      feed.stop();
      // Last: the queue's and feed's waiting retries end now instead of running on for the old profile.
      rest.close();
    },
    queue: async () => queue.snapshot(),
    async refresh() {
      // Answers once the read is under way; its rows arrive as team:queueChanged.
      void queue.refresh();
    },
    async assign(request) {
      // Other desks hear of the claim as soon as it is written: the Unassigned row leaves their
      // screens whoever wins, and the winner's `assigned` (below, after the race check) settles it.
      let claimed = false;
      const result = await actions
        .assign(request, {
          claimed: (row) => {
            claimed = true;
            announce('claimed', row);
          },
        })
        .catch((error: unknown) => {
          // The claim was rolled back: desks that re-read it mid-way read again.
          if (claimed) {
            void actions.current(request.conversationSid).then(
              (row) => announce(row.assignee ? 'assigned' : 'unassigned', row),
              () => undefined,
            );
          }
          throw error;
        });
      queue.put(result.row);
      if (result.assignee) agentSet.add(result.assignee);
      // A lost race changed nothing of ours: the winner's desk posts its own news.
      if (result.outcome !== 'taken') {
        announce(result.outcome === 'assigned' ? 'assigned' : 'unassigned', result.row);
      }
      return result;
    },
    async setState(request) {
      const row = await actions.setState(request);
      queue.put(row);
      announce(STATE_KINDS[request.action], row);
      return row;
    },
    async agents() {
      try {
        return { identities: await readAgents('interactive') };
      } catch (error) {
        throw toDeskError(error, { t: deps.t });
      }
    },
    messages: (request) => actions.messages(request),
    health: async () => rest.health(),
    async templateApprovals() {
      try {
        return { items: await readApprovals(rest) };
      } catch (error) {
        throw toDeskError(error, { t: deps.t });
      }
    },
    async touch(sid, heard) {
      // What the other desk wrote is on screen within the feed's delivery; main's read (which
      // answers as team:queueChanged like any other) confirms it or corrects it.
      const known = heard ? queue.get(sid) : undefined;
      if (heard && known) queue.put({ ...known, assignee: heard.assignee, state: heard.state });
      void queue.touch(sid);
    },
  };
}
