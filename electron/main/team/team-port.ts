import type {
  ApiHealth,
  AssignRequest,
  AssignResult,
  QueueRow,
  QueueSnapshot,
  StateRequest,
  TeamMessages,
  TeamMessagesRequest,
  TeamTouchRequest,
} from '../../../shared/ipc/team-schema';
import type { TemplateApprovals } from '../../../shared/ipc/content-schema';
import { DeskError } from '../errors';

/** The agent inbox's REST-backed services for the active profile (queue, actions, agents, API health). */
export interface TeamPort {
  queue(): Promise<QueueSnapshot>;
  refresh(): Promise<void>;
  assign(request: AssignRequest): Promise<AssignResult>;
  setState(request: StateRequest): Promise<QueueRow>;
  agents(): Promise<{ identities: string[] }>;
  /** A conversation's messages over REST, newest page first (read-only view of a queue row). */
  messages(request: TeamMessagesRequest): Promise<TeamMessages>;
  health(): Promise<ApiHealth>;
  /** Another desk changed this conversation (heard on the team feed): read it again now; answers once the read is under way. */
  touch(conversationSid: string, heard?: TeamTouchRequest['heard']): Promise<void>;
  /** The account's templates' WhatsApp approval (Content API over REST), for the template picker. */
  templateApprovals?(): Promise<TemplateApprovals>;
}

const unavailable = (): never => {
  throw new DeskError('unavailable', 'The team queue is not available yet.');
};

/** Until the REST client is wired: every call says so plainly. */
export const inertTeam: TeamPort = {
  queue: async () => ({ rows: [], version: 0, complete: false, refreshedAt: null }),
  refresh: async () => unavailable(),
  assign: async () => unavailable(),
  setState: async () => unavailable(),
  agents: async () => ({ identities: [] }),
  messages: async () => unavailable(),
  // Nothing to read again before there is a queue.
  touch: async () => undefined,
  templateApprovals: async () => unavailable(),
  health: async () => ({
    requestsPerMinute: 0,
    throttledLastHour: 0,
    medianDurationMs: null,
    concurrentRequests: null,
    concurrencyLimit: 1,
    lastError: null,
  }),
};
