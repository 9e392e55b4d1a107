import type { AnalyticsReport, AnalyticsRequest } from '../../../shared/ipc/analytics-schema';

/** The analytics screen's report for the active profile (analytics-service.ts). */
export interface AnalyticsPort {
  report(request: AnalyticsRequest): Promise<AnalyticsReport>;
}

const zeros = (n: number) => new Array<number>(n).fill(0);
const noDurations = { all: { key: '', count: 0, median: null, p90: null }, byChannel: [], byAgent: [] };

/** Until wired: an empty report that says nothing was read. */
export const inertAnalytics: AnalyticsPort = {
  report: async ({ days }) => {
    const n = days.length - 1;
    const perChannel = () => ({ sms: zeros(n), whatsapp: zeros(n), chat: zeros(n), unknown: zeros(n) });
    return {
      status: { complete: false, refreshing: false, readAt: null, conversations: 0, messages: 0, error: null },
      days,
      identity: '',
      opened: perChannel(),
      resolved: perChannel(),
      backlog: { unassigned: zeros(n), mine: zeros(n), snoozed: zeros(n) },
      firstResponse: noDurations,
      resolution: noDurations,
      unanswered: 0,
      messages: { inbound: zeros(n), outbound: zeros(n) },
      campaigns: [],
    };
  },
};
