import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { build, type Rolldown } from 'vite';
import { describe, expect, it } from 'vitest';
import {
  TWILSOCK_CODEC_REPLACEMENTS,
  patchTwilsockCodec,
  twilsockCodecPlugin,
} from '../../../build/vite/twilsock-codec';

// The file the renderer bundle uses (package.json "browser"), as installed.
const browserJsPath = createRequire(__filename).resolve('twilsock/builds/browser.js');
const original = readFileSync(browserJsPath, 'utf8');
const patched = patchTwilsockCodec(original);

type RolldownOutput = Rolldown.RolldownOutput;

interface Codec {
  byteLength(s: unknown): number;
  stringToUint8Array(s: unknown): Uint8Array;
  uint8ArrayToString(ua: ArrayLike<number>): string;
}

/** The three codec functions (and the patch's helpers), exactly as the build file spells them. */
function codecBlock(source: string): string {
  const start = source.indexOf('function byteLength(s) {');
  const end = source.indexOf('function getJsonObject(array) {');
  expect(start).toBeGreaterThan(0);
  expect(end).toBeGreaterThan(start);
  return source.slice(start, end);
}

function codecFrom(source: string): Codec {
  return new Function(`${codecBlock(source)}\nreturn { byteLength, stringToUint8Array, uint8ArrayToString };`)() as Codec;
}

/**
 * The patched block after Vite/Rolldown's tree-shaking (and minifier): a plain
 * `encodeURIComponent(str);` statement, for one, does not survive it.
 */
async function bundledCodecFrom(source: string, minify: boolean): Promise<Codec> {
  const entry = '\0twilsock-codec-entry';
  const output = (await build({
    configFile: false,
    logLevel: 'silent',
    plugins: [
      {
        name: 'twilsock-codec-entry',
        resolveId: (id) => (id === 'twilsock-codec-entry' ? entry : null),
        // Handed to a global, as twilsock's own callers use them: an app build drops entry exports.
        load: (id) => (id === entry ? `${codecBlock(source)}\ncodecSink({ byteLength, stringToUint8Array, uint8ArrayToString });` : null),
      },
    ],
    build: {
      write: false,
      minify,
      target: 'chrome140',
      rolldownOptions: { input: 'twilsock-codec-entry', output: { format: 'iife' } },
    },
  })) as RolldownOutput | RolldownOutput[];
  const [chunk] = (Array.isArray(output) ? output[0]! : output).output;
  let codec: Codec | undefined;
  new Function('codecSink', chunk.code)((c: Codec) => (codec = c));
  expect(codec).toBeDefined();
  return codec!;
}

const before = codecFrom(original);
const after = codecFrom(patched);

type Outcome = { value: unknown } | { threw: true };
const outcome = (run: () => unknown): Outcome => {
  try {
    const value = run();
    return { value: value instanceof Uint8Array ? Array.from(value) : value };
  } catch {
    return { threw: true };
  }
};

const json = JSON.stringify({
  method: 'reply',
  id: 'TM1',
  payload_type: 'application/json',
  body: 'She said "hi" \\ and left\r\n\ttab',
  nested: [{ a: '\u0000\u001f\u007f' }],
});
const corpus: Record<string, string> = {
  empty: '',
  ascii: 'TWILSOCK V3.0 42\r\n{"method":"ping"}\r\n',
  json,
  latin1: 'Café, naïve, Größe, ñ, ¿¡, \u00a0\u00ff',
  cjk: '会話デスク, 대화, 对话',
  emoji: 'ok 👍🏽 🇫🇷 👩‍👩‍👧 𝄞',
  lineTerminators: 'a\u2028b\u2029c\u0085d\nr\r',
  bom: '\ufeff{"leading":"bom"}',
  megabyte: 'x'.repeat(1024 * 1024 - 3) + '€',
  mixed: ('{"k":"é会👍\\"\\\\"},').repeat(4_000),
};

describe('twilsock frame codec, patched vs the installed original', () => {
  it('replaces all three functions in the real browser build, keeping the line count', () => {
    for (const { original: text, patched: replacement } of TWILSOCK_CODEC_REPLACEMENTS) {
      expect(original).toContain(text);
      expect(patched).not.toContain(text);
      expect(patched).toContain(replacement);
      // Padding keeps later lines (and twilsock's source map) where they were.
      expect(replacement.split('\n').length).toBeLessThanOrEqual(text.split('\n').length);
    }
    expect(patched.split('\n').length).toBe(original.split('\n').length);
    expect(patched).not.toContain('binstr.replace(/(.)/g');
    expect(patched).toContain('TextDecoder');
  });

  it.each(Object.entries(corpus))('encodes %s identically (byteLength, stringToUint8Array)', (_name, s) => {
    const bytes = before.stringToUint8Array(s);
    const fast = after.stringToUint8Array(s);
    expect(fast).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(fast).equals(Buffer.from(bytes))).toBe(true);
    // createPacket sends `.buffer`: it must hold exactly these bytes.
    expect(fast.byteOffset).toBe(0);
    expect(fast.buffer.byteLength).toBe(bytes.length);
    expect(after.byteLength(s)).toBe(before.byteLength(s));
    expect(after.byteLength(s)).toBe(Buffer.byteLength(s, 'utf8'));
  });

  it.each(Object.entries(corpus))('decodes %s identically (uint8ArrayToString)', (_name, s) => {
    const bytes = before.stringToUint8Array(s);
    const decoded = after.uint8ArrayToString(bytes);
    expect(decoded).toBe(before.uint8ArrayToString(bytes));
    expect(decoded).toBe(s); // round trip, leading BOM included
  });

  it('decodes a subarray of a larger frame (what Parser.parse passes) and a plain array', () => {
    const frame = before.stringToUint8Array(`xx${json}yy`);
    const view = frame.subarray(2, frame.length - 2);
    expect(after.uint8ArrayToString(view)).toBe(before.uint8ArrayToString(view));
    expect(after.uint8ArrayToString(Array.from(view))).toBe(before.uint8ArrayToString(Array.from(view)));
  });

  it('converts non-string payloads the way encodeURIComponent does', () => {
    for (const value of [42, -1.5, true, null, undefined, 10n]) {
      expect(outcome(() => after.stringToUint8Array(value))).toEqual(outcome(() => before.stringToUint8Array(value)));
      expect(outcome(() => after.byteLength(value))).toEqual(outcome(() => before.byteLength(value)));
    }
    expect(outcome(() => after.byteLength(Symbol('x')))).toEqual({ threw: true });
    expect(outcome(() => before.byteLength(Symbol('x')))).toEqual({ threw: true });
  });

  const loneSurrogates = [
    ['lone high surrogate', 'a\ud83d'],
    ['lone low surrogate', '\ude00b'],
    ['reversed pair', '\ude00\ud83d'],
    ['lone surrogate in a long frame', '{"body":"' + 'x'.repeat(10_000) + '\ud800"}'],
  ];
  it.each(loneSurrogates)('throws the same URIError on a %s', (_name, s) => {
    const error = (run: () => unknown) => {
      try {
        run();
      } catch (e) {
        return { type: (e as Error).constructor, message: (e as Error).message };
      }
      return 'no error';
    };
    expect(error(() => before.byteLength(s))).toEqual({ type: URIError, message: 'URI malformed' });
    expect(error(() => after.byteLength(s))).toEqual(error(() => before.byteLength(s)));
    expect(error(() => after.stringToUint8Array(s))).toEqual(error(() => before.stringToUint8Array(s)));
  });

  it.each([false, true])('still behaves the same once bundled by Vite (minify: %s)', async (minify) => {
    const bundled = await bundledCodecFrom(patched, minify);
    for (const [, s] of loneSurrogates) {
      expect(() => bundled.byteLength(s)).toThrow(URIError);
      expect(() => bundled.stringToUint8Array(s)).toThrow(URIError);
    }
    for (const s of [corpus.json!, corpus.emoji!, corpus.bom!, '']) {
      const bytes = before.stringToUint8Array(s);
      expect(Array.from(bundled.stringToUint8Array(s))).toEqual(Array.from(bytes));
      expect(bundled.byteLength(s)).toBe(bytes.length);
      expect(bundled.uint8ArrayToString(bytes)).toBe(s);
    }
    expect(() => bundled.uint8ArrayToString(Uint8Array.from([0xc3]))).toThrow(TypeError);
  });

  it.each([
    ['a stray 0xFF', [0xff]],
    ['a stray continuation byte', [0x41, 0x80]],
    ['a truncated 2-byte sequence', [0xc3]],
    ['a truncated 3-byte sequence', [0xe2, 0x82]],
    ['a truncated 4-byte sequence', [0xf0, 0x9f, 0x91]],
    ['a truncated sequence before a newline', [0xc3, 0x0a]],
    ['an overlong NUL', [0xc0, 0x80]],
    ['an overlong slash', [0xe0, 0x80, 0xaf]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['a 0xF5 lead byte', [0xf5, 0x80, 0x80, 0x80]],
  ])('throws on invalid UTF-8 (%s) in both versions', (_name, bytes) => {
    const ua = Uint8Array.from(bytes);
    expect(() => before.uint8ArrayToString(ua)).toThrow(URIError);
    // A fatal TextDecoder throws TypeError; Parser.parse catches any error around getJsonObject.
    expect(() => after.uint8ArrayToString(ua)).toThrow(TypeError);
  });

  it('agrees with the original on random short byte sequences (valid or not)', () => {
    let seed = 0x2f6b1d;
    const random = () => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed >>> 16;
    };
    // Bias towards the bytes that make UTF-8 interesting: ASCII, lead and continuation bytes.
    const interesting = [0x00, 0x0a, 0x0d, 0x25, 0x41, 0x7f, 0x80, 0x8f, 0x9f, 0xa0, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff];
    for (let i = 0; i < 20_000; i++) {
      const length = random() % 6;
      const ua = Uint8Array.from({ length }, () => (random() % 3 === 0 ? random() % 256 : interesting[random() % interesting.length]!));
      expect(outcome(() => after.uint8ArrayToString(ua)), `bytes ${Array.from(ua)}`).toEqual(outcome(() => before.uint8ArrayToString(ua)));
    }
  });

  it('keeps decoding after a failed decode (the shared decoder holds no state)', () => {
    expect(() => after.uint8ArrayToString(Uint8Array.from([0xe2, 0x82]))).toThrow();
    expect(after.uint8ArrayToString(Uint8Array.from([0xac, 0x41]).subarray(1))).toBe('A');
    expect(after.uint8ArrayToString(before.stringToUint8Array('€'))).toBe('€');
  });
});

describe('twilsockCodecPlugin', () => {
  const plugin = twilsockCodecPlugin();
  const hook = plugin.transform as { filter: { id: RegExp }; handler: (code: string, id: string) => unknown };
  const transform = (code: string, id: string) => hook.handler.call({}, code, id) as { code: string } | null;

  it('runs before other plugins and patches twilsock whatever the path separators', () => {
    expect(plugin.enforce).toBe('pre');
    for (const id of [
      browserJsPath,
      '/app/node_modules/twilsock/builds/browser.js?v=1a2b3c',
      'C:\\app\\node_modules\\twilsock\\builds\\browser.js',
    ]) {
      expect(hook.filter.id.test(id)).toBe(true);
      expect(transform(original, id)?.code).toBe(patched);
    }
  });

  it('leaves every other module alone', () => {
    for (const id of [
      '/app/node_modules/twilsock/builds/lib.js',
      '/app/node_modules/twilsock/builds/twilsock.js',
      '/app/node_modules/@twilio/conversations/builds/browser.js',
      '/app/renderer/main.tsx',
    ]) {
      expect(hook.filter.id.test(id)).toBe(false);
      expect(transform(original, id)).toBeNull();
    }
  });

  it('fails the build, saying what to do, when twilsock no longer has the expected code', () => {
    const upgraded = original.replace('return decodeURIComponent(escstr);', 'return decodeURIComponent(escstr) ;');
    expect(() => transform(upgraded, browserJsPath)).toThrow(/uint8ArrayToString[\s\S]*update them[\s\S]*or remove twilsockCodecPlugin/);
    expect(() => patchTwilsockCodec('export const nothing = 1;')).toThrow(/byteLength, stringToUint8Array, uint8ArrayToString/);
    // Applying it twice is also an error rather than a silent no-op.
    expect(() => patchTwilsockCodec(patched)).toThrow(/twilsock-codec/);
  });
});
