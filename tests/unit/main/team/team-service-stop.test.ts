import { describe, expect, it, vi } from 'vitest';
import { RestClientClosedError } from '../../../../electron/main/rest/governed-transport';
import { createTeamService } from '../../../../electron/main/team/team-service';

const hex = (c: string) => c.repeat(32);

describe('team service stop', () => {
  it("closes the profile's REST client: a throttled read waiting to retry ends at once and nothing more is sent", async () => {
    const sent: string[] = [];
    let sleeping = 0;
    const service = createTeamService({
      access: { accountSid: `AC${hex('1')}`, apiKeySid: `SK${hex('2')}`, apiKeySecret: 's', serviceSid: `IS${hex('3')}`, restBaseUrl: 'http://127.0.0.1:9' },
      identity: 'agent',
      publish: () => {},
      rest: {
        sleep: () => {
          sleeping++;
          return new Promise<void>(() => {});
        },
        send: async (opts) => {
          sent.push(opts.uri);
          return { statusCode: 429, body: { code: 20429, message: 'Too Many Requests', status: 429 }, headers: {} };
        },
      },
    });
    const read = service.rest.withPriority('background', () => service.rest.twilio.conversations.v1.conversations(`CH${hex('a')}`).fetch());
    await vi.waitFor(() => expect(sleeping).toBe(1));
    service.stop();
    await expect(read).rejects.toBeInstanceOf(RestClientClosedError);
    expect(sent).toHaveLength(1);
  });
});
