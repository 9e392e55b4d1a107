import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHarness, type Harness } from '../../helpers/emulator';

/** JSON attributes of exactly `bytes` bytes. */
const attrs = (bytes: number): string => {
  const shell = JSON.stringify({ pad: '' });
  return JSON.stringify({ pad: 'x'.repeat(bytes - shell.length) });
};

async function rest(h: Harness, method: string, path: string, form?: Record<string, string>) {
  const { apiKeySid, apiKeySecret, restBaseUrl } = h.emulator.info;
  const res = await fetch(restBaseUrl + path, {
    method,
    headers: {
      authorization: 'Basic ' + Buffer.from(`${apiKeySid}:${apiKeySecret}`).toString('base64'),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: form ? new URLSearchParams(form).toString() : undefined,
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('Twilio’s size limits through REST and the SDK', () => {
  let h: Harness;
  const dirs: string[] = [];
  afterEach(async () => {
    await h.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('refuses over-limit REST input with Twilio’s codes and journals nothing for it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emu-limits-'));
    dirs.push(dir);
    h = await startHarness({ dataDir: dir });
    const conv = await rest(h, 'POST', '/v1/Conversations', { FriendlyName: 'Limits', UniqueName: 'limits' });
    const c = `/v1/Conversations/${conv.json.sid as string}`;
    await rest(h, 'POST', `${c}/Participants`, { 'MessagingBinding.Address': '+14155550100', 'MessagingBinding.ProxyAddress': '+15005550006' });
    const journal = () => readFileSync(join(dir, 'state.journal.jsonl'));
    const before = journal();
    const cases: Array<[string, string, Record<string, string>, number]> = [
      ['POST', '/v1/Conversations', { Attributes: attrs(17 * 1024) }, 50303],
      ['POST', '/v1/Conversations', { FriendlyName: 'f'.repeat(257) }, 50003],
      ['POST', '/v1/Conversations', { UniqueName: 'u'.repeat(257) }, 50004],
      ['POST', c, { UniqueName: 'renamed', Attributes: '{"broken"' }, 50304],
      ['POST', `${c}/Participants`, { Identity: 'i'.repeat(300) }, 50207],
      ['POST', `${c}/Participants`, { Identity: 'newcomer', Attributes: attrs(4 * 1024 + 1) }, 50303],
      ['POST', `${c}/Messages`, { Body: 'b'.repeat(1601) }, 50504],
      ['POST', `${c}/Messages`, { Body: 'ok', Attributes: attrs(4 * 1024 + 1) }, 50303],
      ['POST', '/v1/Users', { Identity: 'i'.repeat(300) }, 50207],
      ['POST', '/v1/Users', { Identity: 'someone', Attributes: attrs(16 * 1024 + 1) }, 50303],
    ];
    for (const [method, path, form, code] of cases) {
      const answer = await rest(h, method, path, form);
      expect({ path, form: Object.keys(form), status: answer.status, code: answer.json.code }).toEqual({ path, form: Object.keys(form), status: 400, code });
      expect(answer.json).toMatchObject({ status: 400, message: expect.any(String) as string, more_info: `https://www.twilio.com/docs/errors/${code}` });
    }
    expect(journal().equals(before)).toBe(true);
    expect((await rest(h, 'GET', '/v1/Conversations/limits')).json.unique_name).toBe('limits');
    expect((await rest(h, 'GET', '/v1/Users/newcomer')).status).toBe(404);
    // At the limit is accepted.
    expect((await rest(h, 'POST', `${c}/Messages`, { Body: 'b'.repeat(1600), Attributes: attrs(4 * 1024) })).status).toBe(201);
  });

  it('refuses over-limit SDK changes the same way, and the SDK’s copy keeps the old value', async () => {
    h = await startHarness();
    const alice = await h.client('alice');
    const conv = await alice.createConversation({ friendlyName: 'Before', attributes: { kept: true } });
    await conv.join();
    await expect(conv.updateAttributes({ pad: 'x'.repeat(17 * 1024) })).rejects.toMatchObject({ status: 400, body: { code: 50303 } });
    await expect(conv.updateFriendlyName('f'.repeat(257))).rejects.toMatchObject({ status: 400, body: { code: 50003 } });
    await expect(conv.sendMessage('m'.repeat(32 * 1024 + 1))).rejects.toMatchObject({ status: 400, body: { code: 50504 } });
    await expect(conv.add('i'.repeat(300))).rejects.toMatchObject({ status: 400, body: { code: 50207 } });
    await expect(alice.user.updateAttributes({ pad: 'x'.repeat(17 * 1024) })).rejects.toMatchObject({ status: 400, body: { code: 50303 } });

    await conv.addNonChatParticipant('+15005550006', '+14155550123');
    await expect(conv.sendMessage('s'.repeat(1601))).rejects.toMatchObject({ status: 400, body: { code: 50504 } });
    expect((await conv.getMessages()).items).toHaveLength(0);

    const fresh = await alice.getConversationBySid(conv.sid);
    expect(fresh.friendlyName).toBe('Before');
    expect(fresh.attributes).toEqual({ kept: true });
  });
});
