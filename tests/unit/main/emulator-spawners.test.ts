import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { utilityProcessSpawner } from '../../../electron/main/emulator-spawners';

/** Enough of Electron's UtilityProcess: an emitter with piped stdout/stderr, a pid and kill(). */
function fakeUtilityProcess() {
  const child = Object.assign(new EventEmitter(), { pid: 4242, stdout: new PassThrough(), stderr: new PassThrough(), kill: vi.fn(() => true) });
  return child;
}

describe('utilityProcessSpawner', () => {
  it('forks the built CLI with piped stdio and adapts its streams, exit and kill', async () => {
    const child = fakeUtilityProcess();
    const fork = vi.fn(() => child as never);
    const spawned = utilityProcessSpawner(fork, '/app/out/main/emulator.js')(['--port', '0']);
    expect(fork).toHaveBeenCalledWith('/app/out/main/emulator.js', ['--port', '0'], expect.objectContaining({ stdio: 'pipe' }));
    expect(spawned.pid).toBe(4242);
    const out: string[] = [];
    const err: string[] = [];
    const exits: Array<number | null> = [];
    spawned.onStdout((c) => out.push(c));
    spawned.onStderr((c) => err.push(c));
    spawned.onExit((c) => exits.push(c));
    child.stdout.write('{"a":1}\n');
    child.stderr.write('listening\n');
    await new Promise((resolve) => setImmediate(resolve));
    expect(out).toEqual(['{"a":1}\n']);
    expect(err).toEqual(['listening\n']);
    spawned.kill();
    expect(child.kill).toHaveBeenCalled();
    child.emit('exit', 0);
    child.emit('exit', 0);
    expect(exits).toEqual([0]);
  });
});
