import type { Plugin } from 'vite';

/**
 * twilsock (the socket layer under @twilio/conversations) turns every frame into bytes and back
 * one byte at a time: encodeURIComponent plus a regex callback and String.fromCharCode per byte, in
 * both directions. In the renderer that was ~20% of CPU at startup with 1,000+ conversations. This
 * plugin swaps those three helpers in the browser build for TextEncoder/TextDecoder versions that
 * give the same bytes, the same strings and throw on the same inputs
 * (tests/unit/build/twilsock-codec.test.ts checks them against the installed originals).
 *
 * The originals are matched by their exact text, so an SDK upgrade that changes them fails the
 * build instead of silently shipping unpatched (or half-patched) code.
 */

const ORIGINAL_BYTE_LENGTH = `function byteLength(s) {
  var escstr = encodeURIComponent(s);
  var binstr = escstr.replace(/%([0-9A-F]{2})/g, function (match, p1) {
    return String.fromCharCode(Number("0x" + p1));
  });
  return binstr.length;
}`;

const ORIGINAL_STRING_TO_UINT8ARRAY = `function stringToUint8Array(s) {
  var escstr = encodeURIComponent(s);
  var binstr = escstr.replace(/%([0-9A-F]{2})/g, function (match, p1) {
    return String.fromCharCode(Number("0x" + p1));
  });
  var ua = new Uint8Array(binstr.length);
  Array.prototype.forEach.call(binstr, function (ch, i) {
    ua[i] = ch.charCodeAt(0);
  });
  return ua;
}`;

const ORIGINAL_UINT8ARRAY_TO_STRING = `function uint8ArrayToString(ua) {
  var binstr = Array.prototype.map.call(ua, function (ch) {
    return String.fromCharCode(ch);
  }).join("");
  var escstr = binstr.replace(/(.)/g, function (m, p) {
    var code = p.charCodeAt(0).toString(16).toUpperCase();

    if (code.length < 2) {
      code = "0" + code;
    }

    return "%" + code;
  });
  return decodeURIComponent(escstr);
}`;

// byteLength is only ever followed by encoding the same text (createPacket), so it shares the
// encoder rather than keeping a separate counting loop in step with it.
const PATCHED_BYTE_LENGTH = `function byteLength(s) {
  return stringToUint8Array(s).length;
}`;

// TextEncoder would quietly turn a lone surrogate into U+FFFD where encodeURIComponent threw, so
// it throws the error V8 throws there. Not a bare `encodeURIComponent(str);` call: Rolldown treats
// that global as side-effect free and drops the statement from the bundle. The template literal
// applies the ToString that encodeURIComponent applied to non-string payloads (numbers, booleans).
// createPacket sends ua.buffer, so the array must own its whole buffer.
const PATCHED_STRING_TO_UINT8ARRAY = `var twilsockTextEncoder = new TextEncoder();
function stringToUint8Array(s) {
  var str = \`\${s}\`;
  if (!str.isWellFormed()) throw new URIError("URI malformed");
  var ua = twilsockTextEncoder.encode(str);
  return ua.byteOffset === 0 && ua.byteLength === ua.buffer.byteLength ? ua : ua.slice();
}`;

// fatal: invalid UTF-8 still throws, a TypeError where decodeURIComponent threw a URIError.
// Parser.parse catches any error around getJsonObject (header and JSON payload); its text/plain
// payload path has no try in either version, so that error propagates as before, only its class
// differs.
// ignoreBOM: keep a leading U+FEFF, as decodeURIComponent did. A TextDecoder call without
// {stream: true} starts from a fresh state, so one shared instance is safe even after a throw.
const PATCHED_UINT8ARRAY_TO_STRING = `var twilsockTextDecoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
function uint8ArrayToString(ua) {
  return twilsockTextDecoder.decode(ArrayBuffer.isView(ua) ? ua : Uint8Array.from(ua));
}`;

export const TWILSOCK_CODEC_REPLACEMENTS: readonly { readonly name: string; readonly original: string; readonly patched: string }[] = [
  { name: 'byteLength', original: ORIGINAL_BYTE_LENGTH, patched: PATCHED_BYTE_LENGTH },
  { name: 'stringToUint8Array', original: ORIGINAL_STRING_TO_UINT8ARRAY, patched: PATCHED_STRING_TO_UINT8ARRAY },
  { name: 'uint8ArrayToString', original: ORIGINAL_UINT8ARRAY_TO_STRING, patched: PATCHED_UINT8ARRAY_TO_STRING },
];

const lineCount = (text: string): number => text.split('\n').length;

/** The id twilsock's browser build resolves to; ids may carry Windows separators or a `?query`. */
export function isTwilsockBrowserBuild(id: string): boolean {
  return id.split('?')[0]!.replace(/\\/g, '/').endsWith('twilsock/builds/browser.js');
}

/**
 * Each replacement is padded with blank lines to the original's line count, so no code outside the
 * three functions moves and the transform can return `map: null` (line numbers stay true).
 */
export function patchTwilsockCodec(source: string): string {
  let code = source;
  const missing: string[] = [];
  for (const { name, original, patched } of TWILSOCK_CODEC_REPLACEMENTS) {
    const at = code.indexOf(original);
    if (at === -1 || code.indexOf(original, at + 1) !== -1) {
      missing.push(name);
      continue;
    }
    const padding = '\n'.repeat(Math.max(0, lineCount(original) - lineCount(patched)));
    code = code.slice(0, at) + patched + padding + code.slice(at + original.length);
  }
  if (missing.length > 0) {
    throw new Error(
      `twilsock-codec: twilsock/builds/browser.js no longer contains the expected ${missing.join(', ')} ` +
        `(exactly once). The twilsock package was probably upgraded. Compare its frame codec with the ` +
        `originals in build/vite/twilsock-codec.ts and update them (and re-run ` +
        `tests/unit/build/twilsock-codec.test.ts), or remove twilsockCodecPlugin() from ` +
        `electron.vite.config.ts if twilsock no longer encodes byte by byte.`,
    );
  }
  return code;
}

export function twilsockCodecPlugin(): Plugin {
  return {
    name: 'conversations-desk:twilsock-codec',
    enforce: 'pre',
    transform: {
      // Lets Rolldown skip calling into JS for every other module.
      filter: { id: /twilsock[\\/]builds[\\/]browser\.js(?:\?.*)?$/ },
      handler(code, id) {
        if (!isTwilsockBrowserBuild(id)) return null;
        return { code: patchTwilsockCodec(code), map: null };
      },
    },
  };
}
