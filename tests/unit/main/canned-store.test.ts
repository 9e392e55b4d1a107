import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCannedStore, type CannedScope } from '../../../electron/main/team/canned-store';
import { LOCAL_PROFILE_ID } from '../../../electron/main/profiles';
import { fakeSafeStorage, tempDir } from './fakes';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(() => dir.remove());

const twilio: CannedScope = { profileId: 'p1', allowPlain: false };
const local: CannedScope = { profileId: LOCAL_PROFILE_ID, allowPlain: true };
const cannedDir = () => join(dir.path, 'canned');

function store(active: { scope: CannedScope }, options: Parameters<typeof fakeSafeStorage>[0] = {}) {
  let n = 0;
  return createCannedStore({
    dir: cannedDir(),
    safeStorage: fakeSafeStorage(options),
    platform: 'linux',
    scope: async () => active.scope,
    newId: () => `id-${++n}`,
  });
}

const REFUND = { id: 'r1', name: 'refund', body: 'Hi {{customer.name}}, your refund is on its way.' };

describe('canned responses store (main)', () => {
  it('keeps each profile’s list encrypted, sorted by name, and follows the active profile', async () => {
    const active = { scope: twilio };
    const s = store(active);
    await s.save(REFUND);
    expect(await s.save({ id: 'h1', name: 'hello', body: 'Hello! How can I help?' })).toEqual([
      { id: 'h1', name: 'hello', body: 'Hello! How can I help?' },
      REFUND,
    ]);
    active.scope = local;
    expect(await s.list()).toEqual([]);
    active.scope = twilio;
    // A fresh store (a relaunch) reads it back.
    expect((await store(active).list()).map((i) => i.name)).toEqual(['hello', 'refund']);
    const names = await readdir(cannedDir());
    expect(names).toHaveLength(1);
    expect(names[0]!.endsWith('.enc')).toBe(true);
    expect((await readFile(join(cannedDir(), names[0]!))).toString('latin1')).not.toContain('refund');
  });

  it('edits in place, refuses a second response with the same name, and removes', async () => {
    const s = store({ scope: twilio });
    await s.save(REFUND);
    expect(await s.save({ ...REFUND, body: 'Edited' })).toEqual([{ ...REFUND, body: 'Edited' }]);
    await expect(s.save({ id: 'other', name: 'Refund', body: 'x' })).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringContaining('refund') });
    expect(await s.remove('r1')).toEqual([]);
    expect(await s.remove('r1')).toEqual([]);
  });

  it('refuses to write a Twilio profile’s list in plain text, but lets the Local workspace do so', async () => {
    const active = { scope: twilio };
    const s = store(active, { available: false });
    await expect(s.save(REFUND)).rejects.toMatchObject({ code: 'unavailable' });
    expect(await s.list()).toEqual([]);
    active.scope = local;
    await s.save(REFUND);
    expect((await readdir(cannedDir()))[0]!.endsWith('.json')).toBe(true);
    expect(await store(active, { available: false }).list()).toEqual([REFUND]);
  });

  it('imports entry by entry: keeps the good ones, replaces same names, refuses bad ones with a reason', async () => {
    const s = store({ scope: twilio });
    await s.save(REFUND);
    const json = JSON.stringify({
      version: 1,
      responses: [
        { name: 'hello', body: 'Hello {{customer.name}}' },
        { name: 'has space', body: 'x' },
        { name: 'REFUND', body: 'New refund text' },
        { name: 'empty', body: '' },
        'not an object',
        { name: 'hello', body: 'again' },
        { name: 'long', body: 'x'.repeat(1601) },
      ],
    });
    const report = await s.importJson(json);
    expect(report.added).toBe(1);
    expect(report.replaced).toBe(1);
    expect(report.items).toEqual([
      { id: 'id-1', name: 'hello', body: 'Hello {{customer.name}}' },
      { id: 'r1', name: 'REFUND', body: 'New refund text' },
    ]);
    expect(report.refused.map((r) => r.index)).toEqual([1, 3, 4, 5, 6]);
    expect(report.refused[0]!.reason).toMatch(/letters, digits/);
    expect(report.refused[1]!.reason).toMatch(/needs some text/);
    expect(report.refused[3]!.reason).toMatch(/hello.*1/);
    expect(report.refused[4]!.reason).toMatch(/1,600/);
    expect(await s.list()).toEqual(report.items);
  });

  it('refuses a file that is not JSON or not this format, importing nothing', async () => {
    const s = store({ scope: twilio });
    await expect(s.importJson('{nope')).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/JSON/) });
    await expect(s.importJson(JSON.stringify([{ name: 'a', body: 'b' }]))).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/version/) });
    expect(await s.list()).toEqual([]);
  });

  it('exports the documented format, which imports back', async () => {
    const s = store({ scope: twilio });
    await s.save(REFUND);
    const json = await s.exportJson();
    expect(JSON.parse(json)).toEqual({ version: 1, responses: [{ name: 'refund', body: REFUND.body }] });
    const other = store({ scope: { profileId: 'p2', allowPlain: false } });
    expect(await other.importJson(json)).toMatchObject({ added: 1, replaced: 0, refused: [] });
  });

  it('deletes a removed profile’s file', async () => {
    const s = store({ scope: twilio });
    await s.save(REFUND);
    await s.removeProfile('p1');
    expect(await readdir(cannedDir())).toEqual([]);
    expect(await s.list()).toEqual([]);
  });
});
