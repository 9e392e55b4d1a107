import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { CampaignResult } from '../../../../shared/ipc/campaign-schema';
import { resultsCsv } from './campaign-csv';

const row = (address: string, name: string): CampaignResult =>
  ({ address, name, status: 'failed', errorCode: 21610, errorMessage: null, conversationSid: null, messageSid: null }) as unknown as CampaignResult;

describe('campaign results CSV', () => {
  it('keeps numbers as Twilio wrote them and defuses a name a spreadsheet would run as a formula', () => {
    const csv = resultsCsv([row('+14155550100', '=HYPERLINK("x")'), row('whatsapp:+447700900123', 'Ana')], () => 'Opted out', ['Address', 'Name', 'Status', 'Code', 'Why', 'Conversation', 'Message']);
    const [, first, second] = Papa.parse<string[]>(csv.trim()).data;
    expect(first?.slice(0, 2)).toEqual(['+14155550100', `'=HYPERLINK("x")`]);
    expect(second?.slice(0, 2)).toEqual(['whatsapp:+447700900123', 'Ana']);
    expect(first?.[4]).toBe('Opted out');
  });
});
