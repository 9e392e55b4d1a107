/**
 * The part of a message shown under an inbox row that matched by text, with the matching words
 * marked. Words are cut as MiniSearch's default tokenizer cuts them (runs between spaces and
 * punctuation) and compared after the same normalisation, so what is marked is what matched.
 */
import { SEARCH_SNIPPET_CHARS } from '../../../shared/ipc/search-schema';

const WORD = /[^\n\r\p{Z}\p{P}]+/gu;
/** Context kept before the first match, so the snippet reads as a sentence, not a cut-off word. */
const LEAD = 24;
const MAX_RANGES = 32;

export interface Snippet {
  snippet: string;
  ranges: [number, number][];
}

export function makeSnippet(body: string, terms: ReadonlySet<string>, normalise: (word: string) => string): Snippet {
  let first = 0;
  for (const m of body.matchAll(WORD)) {
    if (terms.has(normalise(m[0]))) {
      first = m.index;
      break;
    }
  }
  let start = Math.max(0, first - LEAD);
  // Start at a word: back to the space before `start`, unless that loses the match.
  if (start > 0) {
    const space = body.lastIndexOf(' ', start);
    if (space >= 0 && first - space <= LEAD * 2) start = space + 1;
  }
  const end = Math.min(body.length, start + SEARCH_SNIPPET_CHARS);
  const lead = start > 0 ? '…' : '';
  const tail = end < body.length ? '…' : '';
  const text = `${lead}${body.slice(start, end).replace(/\s+/g, ' ')}${tail}`;
  // Line breaks and runs of spaces are collapsed, so the ranges are found again in the shown text.
  const ranges: [number, number][] = [];
  for (const m of text.matchAll(WORD)) {
    if (ranges.length >= MAX_RANGES) break;
    if (terms.has(normalise(m[0]))) ranges.push([m.index, m.index + m[0].length]);
  }
  return { snippet: text, ranges };
}
