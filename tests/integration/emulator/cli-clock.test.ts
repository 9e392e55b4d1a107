import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { controlApi } from '../../helpers/control-api';
import { spawnEmulator, type EmulatorProcess } from '../../helpers/emulator-process';
import { restClient } from '../../helpers/twilio-rest';

describe('the test clock through the CLI, as the Local workspace runs the emulator', () => {
  const dir = mkdtempSync(join(tmpdir(), 'emu-cli-clock-'));
  const started: EmulatorProcess[] = [];
  afterAll(() => {
    for (const p of started) p.signalGroup('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('moves time for timers and the Date header, and keeps it across a kill', async () => {
    const first = await spawnEmulator(['--port', '0', '--data', dir], 'node');
    started.push(first);
    const api = controlApi(first.info);
    const { client } = restClient(first.info);
    const c = await client.conversations.v1.conversations.create({ state: 'active', 'timers.inactive': 'PT2H' });
    const moved = await api.advanceClock(3600);
    expect(moved.status).toBe(200);
    expect(moved.body.offset_seconds).toBe(3600);
    const res = await fetch(`${first.info.restBaseUrl}/emulator/health`);
    expect(Date.parse(res.headers.get('date') ?? '') - Date.now()).toBeGreaterThan(3590_000);
    first.signalGroup('SIGKILL');
    await first.exited;

    const second = await spawnEmulator(['--port', '0', '--data', dir], 'node');
    started.push(second);
    const again = controlApi(second.info);
    expect((await again.clock()).body.offset_seconds).toBe(3600);
    const rest = restClient(second.info).client.conversations.v1.conversations(c.sid);
    expect((await rest.fetch()).state).toBe('active');
    await again.advanceClock(3600);
    expect((await rest.fetch()).state).toBe('inactive');
  });
});
