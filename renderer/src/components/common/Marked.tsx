import { Fragment } from 'react';

/** `text` with the character ranges [start, end) wrapped in <mark> (ranges ascending, not overlapping). */
export function Marked({ text, ranges }: { text: string; ranges: readonly (readonly [number, number])[] }) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start < at || end > text.length || end <= start) continue;
    if (start > at) parts.push(text.slice(at, start));
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>);
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <Fragment>{parts}</Fragment>;
}

/** Ranges of every whole-word-start occurrence of `words` in `text` (case-insensitive), for marking a message's own text. */
export function wordRanges(text: string, words: readonly string[]): [number, number][] {
  const lower = text.toLowerCase();
  const ranges: [number, number][] = [];
  for (const word of words) {
    if (word === '') continue;
    let at = lower.indexOf(word);
    while (at >= 0) {
      ranges.push([at, at + word.length]);
      at = lower.indexOf(word, at + word.length);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  // Overlaps (one word inside another) keep the first.
  return ranges.filter((r, i) => i === 0 || r[0] >= (ranges[i - 1] as [number, number])[1]);
}
