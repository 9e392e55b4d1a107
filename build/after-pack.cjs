/**
 * electron-builder afterPack hook: flips Electron fuses in the packed binary, before signing, so
 * the shipped app cannot be turned into a general Node runtime (RunAsNode, NODE_OPTIONS,
 * --inspect), only runs the code in its own, integrity-checked app.asar, and gives file:// pages
 * no extra privileges (the app is served from app://).
 *
 * A placeholder binary (the offline packaging test packs with a fake `electron` file) has no fuse
 * wire; the hook then says so and skips instead of failing the build.
 */
const { readFile } = require('node:fs/promises');
const path = require('node:path');
const { flipFuses, FuseV1Options, FuseVersion } = require('@electron/fuses');

// The marker @electron/fuses looks for: it precedes the fuse wire in every real Electron ≥ 12.
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

const FUSES = {
  version: FuseVersion.V1,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.EnableCookieEncryption]: true,
  // The renderer is served from app:// (electron/main/app-protocol.ts): file:// needs none of the
  // extra privileges Electron grants it by default (Electron's security checklist, item 19).
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** The Electron executable electron-builder just packed, per platform. */
function electronBinaryPath(context) {
  const name = context.packager.appInfo.productFilename;
  switch (context.electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(context.appOutDir, `${name}.app`);
    case 'win32':
      return path.join(context.appOutDir, `${name}.exe`);
    default:
      return path.join(context.appOutDir, context.packager.executableName);
  }
}

/** Where the fuse wire lives: the framework binary inside a macOS bundle, else the executable. */
function fuseFilePath(binary) {
  if (binary.endsWith('.app')) return path.join(binary, 'Contents', 'Frameworks', 'Electron Framework.framework', 'Electron Framework');
  return binary;
}

async function hasFuseWire(binary) {
  try {
    return (await readFile(fuseFilePath(binary))).includes(FUSE_SENTINEL);
  } catch {
    return false;
  }
}

async function afterPack(context, log = console.log) {
  const binary = electronBinaryPath(context);
  if (!(await hasFuseWire(binary))) {
    log(`after-pack: ${binary} has no fuse wire (placeholder Electron?); fuses not flipped`);
    return { flipped: false, binary };
  }
  // An unsigned arm64 macOS binary must be re-signed ad hoc after editing, or it will not start.
  const resetAdHocDarwinSignature = context.electronPlatformName === 'darwin' && context.arch === 3; // Arch.arm64
  await flipFuses(binary, { ...FUSES, resetAdHocDarwinSignature });
  log(`after-pack: fuses flipped in ${binary}`);
  return { flipped: true, binary };
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.FUSES = FUSES;
module.exports.electronBinaryPath = electronBinaryPath;
