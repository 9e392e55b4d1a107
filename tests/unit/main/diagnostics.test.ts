import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { buildDiagnosticsBundle, exportDiagnostics, readRecentLog, type DiagnosticsFacts } from '../../../electron/main/diagnostics';
import { DEFAULT_SETTINGS } from '../../../electron/main/settings';
import { SECRET, tempDir, twilioInput } from './fakes';

const facts = (log: string): DiagnosticsFacts => ({
  appVersion: '0.1.0',
  electronVersion: '45.5.0',
  chromeVersion: '142.0',
  platform: 'linux',
  arch: 'x64',
  osRelease: '6.8',
  settings: DEFAULT_SETTINGS,
  profiles: [
    {
      id: 'p1',
      kind: 'twilio',
      name: 'Support US',
      identity: 'dana',
      accountSid: twilioInput.accountSid,
      apiKeySid: twilioInput.apiKeySid,
      serviceSid: twilioInput.serviceSid,
      secretHint: '••••••••9f3a',
      active: true,
    },
  ],
  log,
});

describe('buildDiagnosticsBundle', () => {
  it('has version, platform, settings, profiles without secret hints, and the redacted log', () => {
    const text = buildDiagnosticsBundle(facts(`[info] start\n[error] failed with apiKeySecret=${SECRET}\nAuthorization: Basic QUM6c2VjcmV0\n`), [SECRET]);
    expect(text).toContain('Version: 0.1.0');
    expect(text).toContain('Platform: linux x64');
    expect(text).toContain(twilioInput.accountSid);
    expect(text).toContain('[info] start');
    expect(text).not.toContain('9f3a');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('QUM6c2VjcmV0');
  });
});

describe('exportDiagnostics', () => {
  it('writes the bundle where the agent chose', async () => {
    const dir = await tempDir();
    const target = join(dir.path, 'diag.txt');
    const result = await exportDiagnostics({
      dialog: { showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: target })) },
      defaultPath: join(dir.path, 'x.txt'),
      collect: async () => facts(`secret is ${SECRET}`),
      knownSecrets: () => [SECRET],
    });
    expect(result).toEqual({ saved: true, path: target });
    const text = await readFile(target, 'utf8');
    expect(text).toContain('Conversations Desk diagnostics');
    expect(text).not.toContain(SECRET);
    await dir.remove();
  });

  it('does nothing when the dialog is cancelled', async () => {
    const collect = vi.fn(async () => facts(''));
    const result = await exportDiagnostics({ dialog: { showSaveDialog: async () => ({ canceled: true }) }, defaultPath: '/x', collect, knownSecrets: () => [] });
    expect(result).toEqual({ saved: false, path: null });
    expect(collect).not.toHaveBeenCalled();
  });
});

describe('readRecentLog', () => {
  it('joins the previous file and the current one, tolerating missing files', async () => {
    const dir = await tempDir();
    await mkdir(join(dir.path, 'logs'));
    const file = join(dir.path, 'logs', 'main.log');
    expect(await readRecentLog(file)).toBe('');
    await writeFile(join(dir.path, 'logs', 'main.1.log'), 'old\n');
    await writeFile(file, 'new\n');
    expect(await readRecentLog(file)).toBe('old\nnew\n');
    await dir.remove();
  });
});
