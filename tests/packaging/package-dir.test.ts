/**
 * Packs the already-built app (out/, from `npm run build`) with electron-builder's `dir` target,
 * offline: a placeholder file stands in for the Electron binary (electronDist) and the version is
 * given, so nothing is downloaded. Then reads app.asar to check what would ship.
 */
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { extractFile, listPackage } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = resolve(__dirname, '../..');
const electronVersion = (JSON.parse(await readFile(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;

let work: string;
let asar: string;
let files: string[];
let builderOutput: string;

beforeAll(async () => {
  for (const built of ['out/main/index.js', 'out/main/emulator.js', 'out/preload/index.js', 'out/renderer/index.html']) {
    if (!existsSync(join(root, built))) throw new Error(`${built} is missing: run \`npm run build\` first (npm test does)`);
  }
  work = await mkdtemp(join(tmpdir(), 'desk-pack-'));
  const dist = join(work, 'electron-dist');
  await run('mkdir', ['-p', dist]);
  await writeFile(join(dist, 'electron'), '#!/bin/sh\necho "placeholder Electron"\n');
  await chmod(join(dist, 'electron'), 0o755);
  const { stdout, stderr } = await run(
    join(root, 'node_modules/.bin/electron-builder'),
    ['--linux', 'dir', '--publish', 'never', `-c.electronDist=${dist}`, `-c.electronVersion=${electronVersion}`, `-c.directories.output=${join(work, 'release')}`],
    { cwd: root, timeout: 90_000, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, CI: 'true' } },
  );
  builderOutput = `${stdout}\n${stderr}`;
  asar = join(work, 'release', 'linux-unpacked', 'resources', 'app.asar');
  files = listPackage(asar, { isPack: false });
}, 120_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

const has = (path: string) => files.includes(path);

describe('electron-builder --linux dir (offline, placeholder Electron)', () => {
  it('uses Electron 45', () => {
    expect(electronVersion).toMatch(/^45\./);
  });

  it('packs the built main, preload and renderer into app.asar', () => {
    for (const path of ['/package.json', '/out/main/index.js', '/out/main/emulator.js', '/out/preload/index.js', '/out/renderer/index.html']) expect(has(path), path).toBe(true);
    expect(files.some((f) => /^\/out\/renderer\/assets\/index-[\w-]+\.js$/.test(f))).toBe(true);
    const pkg = JSON.parse(extractFile(asar, 'package.json').toString('utf8')) as { main: string; devDependencies?: unknown };
    expect(pkg.main).toBe('out/main/index.js');
  });

  it("includes main's runtime dependencies and none of the build tools", () => {
    for (const dep of ['@twilio/conversations', 'twilio', 'jsonwebtoken', 'ws', 'zod', 'electron-log', 'electron-updater', 'libphonenumber-js']) {
      expect(has(`/node_modules/${dep}/package.json`), dep).toBe(true);
    }
    for (const dev of ['electron', 'electron-builder', 'vite', 'vitest', 'typescript', 'eslint', 'playwright-core', '@electron/fuses']) {
      expect(has(`/node_modules/${dev}`), dev).toBe(false);
    }
  });

  it('ships no sources, tests, source maps, env files or key files', () => {
    const own = files.filter((f) => !f.startsWith('/node_modules/'));
    expect(own.filter((f) => /^\/(electron|renderer|shared|tests|scripts|build|docs)(\/|$)/.test(f))).toEqual([]);
    expect(files.filter((f) => /\.(ts|tsx|map)$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
    expect(own.filter((f) => /\.d\.ts$/.test(f))).toEqual([]);
    expect(files.filter((f) => /(^|\/)\.env(\.|$)|\.(pem|key|p12|pfx)$/.test(f))).toEqual([]);
    expect(own.filter((f) => /(profiles|settings|window-state)\.json$|\/vault\//.test(f))).toEqual([]);
  });

  it("carries no test fixtures' secrets or credentials in the built code", () => {
    const code = files
      .filter((f) => f.startsWith('/out/') && /\.(js|html)$/.test(f))
      .map((f) => extractFile(asar, f.slice(1)).toString('utf8'))
      .join('\n');
    expect(code).not.toContain('S3cr3t-value-that-must-never-leave-main');
    expect(code).not.toMatch(/\beyJ[\w-]{10,}\.[\w-]{10,}\.[\w-]{10,}/); // a JWT
    expect(code).not.toMatch(/-----BEGIN [A-Z ]*PRIVATE KEY-----/);
  });

  it('ran the afterPack hook, which skipped the fuses on the placeholder binary', () => {
    expect(builderOutput).toMatch(/after-pack: .* has no fuse wire/);
  });
});
