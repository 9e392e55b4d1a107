import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FuseV1Options } from '@electron/fuses';
import { describe, expect, it } from 'vitest';

type AfterPack = ((context: unknown, log?: (line: string) => void) => Promise<{ flipped: boolean; binary: string }>) & {
  FUSES: Record<string, unknown>;
};
const afterPack = createRequire(__filename)('../../build/after-pack.cjs') as AfterPack;

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const INHERIT = 144;

/** Bytes that look like an Electron binary to @electron/fuses: sentinel, wire version 1, 8 fuses. */
const fakeElectron = () => Buffer.concat([Buffer.from('ELF…'), Buffer.from(SENTINEL), Buffer.from([1, 8]), Buffer.alloc(8, INHERIT), Buffer.from('…rest')]);

const context = (appOutDir: string) => ({
  appOutDir,
  electronPlatformName: 'linux',
  arch: 1,
  packager: { appInfo: { productFilename: 'Conversations Desk' }, executableName: 'conversations-desk' },
});

describe('build/after-pack.cjs', () => {
  it('flips the hardening fuses in a real-looking binary', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'desk-fuses-'));
    await writeFile(join(dir, 'conversations-desk'), fakeElectron());
    const lines: string[] = [];
    expect(await afterPack(context(dir), (l) => lines.push(l))).toMatchObject({ flipped: true });
    const bytes = await readFile(join(dir, 'conversations-desk'));
    const wire = [...bytes.subarray(bytes.indexOf(SENTINEL) + SENTINEL.length + 2).subarray(0, 8)].map((b) => String.fromCharCode(b));
    const on = '1';
    const off = '0';
    expect(wire[FuseV1Options.RunAsNode]).toBe(off);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(on);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(off);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(off);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(on);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(on);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(off);
    await rm(dir, { recursive: true, force: true });
  });

  it('skips a placeholder binary without failing the build', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'desk-fuses-'));
    await writeFile(join(dir, 'conversations-desk'), '#!/bin/sh\n');
    const lines: string[] = [];
    expect(await afterPack(context(dir), (l) => lines.push(l))).toMatchObject({ flipped: false });
    expect(lines.join()).toMatch(/no fuse wire/);
    await rm(dir, { recursive: true, force: true });
  });

  it('locates the binary per platform', async () => {
    const { electronBinaryPath } = afterPack as unknown as { electronBinaryPath: (c: unknown) => string };
    expect(electronBinaryPath({ ...context('/o'), electronPlatformName: 'win32' })).toBe(join('/o', 'Conversations Desk.exe'));
    expect(electronBinaryPath({ ...context('/o'), electronPlatformName: 'darwin' })).toBe(join('/o', 'Conversations Desk.app'));
  });
});
