/**
 * How many SMS segments a text costs, as carriers (and Twilio's billing) count them. Pure.
 *
 * A text that only uses the GSM 03.38 alphabet goes as GSM-7: 160 characters in one segment,
 * 153 per segment once it is split (7 septets carry the concatenation header). The extension
 * table's characters (^ { } [ ] ~ | € \ and form feed) take two septets each, after an escape,
 * and an escape and its character never straddle two segments. One character outside that
 * alphabet (an emoji, a curly quote ’) sends the whole text as UCS-2: 70 UTF-16 units in one
 * segment, 67 per segment when split, and a surrogate pair (most emoji) is never split.
 * Twilio refuses bodies over 1,600 characters (Conversations and Programmable Messaging).
 */

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export const SMS_MAX_CHARACTERS = 1600;

export const SEGMENT_SIZE = {
  'GSM-7': { single: 160, multi: 153 },
  'UCS-2': { single: 70, multi: 67 },
} as const satisfies Record<SmsEncoding, { single: number; multi: number }>;

// GSM 03.38 default alphabet (without the escape itself), then its extension table.
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM_EXTENSION = new Set('^{}\\[~]|€\f');

export interface SegmentCount {
  encoding: SmsEncoding;
  /** Characters as Twilio's 1,600 limit counts them (Unicode code points). */
  characters: number;
  /** Septets (GSM-7) or UTF-16 units (UCS-2) the text takes. */
  units: number;
  segments: number;
  /** Units one segment holds for this text: 160/153 (GSM-7) or 70/67 (UCS-2). */
  perSegment: number;
  /** Units still free in the last segment before another one starts. */
  remaining: number;
  /** The characters that force UCS-2, each once, in the order they first appear. */
  unicodeCharacters: string[];
  /** GSM-7 extension characters used (each counts twice), each once. */
  doubleCharacters: string[];
  /** Over Twilio's 1,600 characters: Twilio would refuse it. */
  overLimit: boolean;
}

export const isGsmCharacter = (ch: string): boolean => GSM_BASIC.has(ch) || GSM_EXTENSION.has(ch);

/** Segments for one text. An empty text is 0 segments. */
export function countSegments(text: string): SegmentCount {
  const chars = [...text];
  const unicode: string[] = [];
  const doubles: string[] = [];
  for (const ch of chars) {
    if (GSM_EXTENSION.has(ch)) {
      if (!doubles.includes(ch)) doubles.push(ch);
    } else if (!GSM_BASIC.has(ch) && !unicode.includes(ch)) {
      unicode.push(ch);
    }
  }
  const encoding: SmsEncoding = unicode.length > 0 ? 'UCS-2' : 'GSM-7';
  // Each character's width in units: what has to stay together in one segment.
  const widths = chars.map((ch) => (encoding === 'GSM-7' ? (GSM_EXTENSION.has(ch) ? 2 : 1) : ch.length));
  const units = widths.reduce((sum, w) => sum + w, 0);
  const { single, multi } = SEGMENT_SIZE[encoding];
  let segments: number;
  let used: number;
  if (units === 0) {
    segments = 0;
    used = 0;
  } else if (units <= single) {
    segments = 1;
    used = units;
  } else {
    segments = 1;
    used = 0;
    for (const w of widths) {
      if (used + w > multi) {
        segments += 1;
        used = 0;
      }
      used += w;
    }
  }
  const perSegment = segments > 1 ? multi : single;
  return {
    encoding,
    characters: chars.length,
    units,
    segments,
    perSegment,
    remaining: segments === 0 ? single : perSegment - used,
    unicodeCharacters: unicode,
    doubleCharacters: doubles,
    overLimit: chars.length > SMS_MAX_CHARACTERS,
  };
}
