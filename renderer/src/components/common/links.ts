/**
 * Links in message text. linkifyjs finds web addresses and e-mail addresses (bare "www.…" and
 * "name@host" too, which a hand-written pattern gets wrong at sentence ends and in brackets);
 * `tel:` links, which it does not parse with a leading "+", are found here. Only schemes the OS may
 * safely open become links: never javascript:, file:, or custom handlers.
 */
import { tokenize } from 'linkifyjs';

export type TextPart = { text: string; href: null } | { text: string; href: string };

const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:']);
const TEL = /\btel:\+?[\d][\d\-.()]*\d/gi;

export function isSafeLink(href: string): boolean {
  try {
    return SAFE_SCHEMES.has(new URL(href).protocol);
  } catch {
    return false;
  }
}

function telParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const m of text.matchAll(TEL)) {
    if (m.index > last) parts.push({ text: text.slice(last, m.index), href: null });
    parts.push({ text: m[0], href: m[0] });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), href: null });
  return parts;
}

/**
 * Whether the text could hold a link at all. Every link linkifyjs or TEL finds has a scheme
 * ("x:" followed by more), a dot between two characters (a domain, an e-mail's host, an IP), or
 * is "localhost"; most chat lines have none of these, and linkifyjs' scanner is the largest part
 * of a message row's first render (CPU profile of scrolling a long thread), so they skip it.
 */
const MAYBE_LINK = /[^\s.]\.[^\s.]|[a-z0-9]:\S|localhost/i;

/** The text split into plain runs and links, in order; joined back it is the text unchanged. */
export function linkParts(text: string): TextPart[] {
  if (!MAYBE_LINK.test(text)) return [{ text, href: null }];
  const parts: TextPart[] = [];
  for (const token of tokenize(text)) {
    const value = token.toString();
    const href = token.isLink ? token.toHref('https') : null;
    if (href !== null && isSafeLink(href)) parts.push({ text: value, href });
    else parts.push(...telParts(value));
  }
  // Neighbouring plain runs merged, so a message without links is one part.
  return parts.reduce<TextPart[]>((out, p) => {
    const prev = out[out.length - 1];
    if (prev && prev.href === null && p.href === null) out[out.length - 1] = { text: prev.text + p.text, href: null };
    else out.push(p);
    return out;
  }, []);
}
