/**
 * The composer's `/` picker: a `/word` just before the caret, at the start of a word, opens a list
 * of the profile's canned responses whose names match the word. Arrows move, Enter or Tab insert,
 * Escape closes (until the word changes). Inserting replaces `/word` with the response, its
 * variables filled; the first variable the desk could not fill is selected so the agent types over it.
 */
import { useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { CannedResponse } from '../../../../shared/ipc/team-schema';
import { useDeskStoreApi } from '../../store';
import { matchCanned, useCannedResponses } from './canned-list';
import { cannedValues, fillVariables, firstUnfilled } from './variables';

const SLASH_WORD = /(^|\s)\/([\p{L}\p{N}_-]*)$/u;

/** The `/word` ending at the caret, if the slash starts a word. */
export function slashQuery(text: string, caret: number): { start: number; query: string } | null {
  const m = SLASH_WORD.exec(text.slice(0, caret));
  if (!m) return null;
  const query = m[2] ?? '';
  return { start: caret - query.length - 1, query };
}

interface Options {
  sid: string;
  draft: string;
  setDraft: (text: string) => void;
  textarea: RefObject<HTMLTextAreaElement | null>;
}

export function useCannedPicker({ sid, draft, setDraft, textarea }: Options) {
  const store = useDeskStoreApi();
  const [caret, setCaret] = useState<number | null>(null);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  const selectAfter = useRef<{ start: number; end: number } | null>(null);

  const trigger = caret === null ? null : slashQuery(draft, Math.min(caret, draft.length));
  const wanted = trigger !== null && trigger.start !== dismissed;
  const { items, error } = useCannedResponses(wanted);
  const matches = wanted ? matchCanned(items, trigger.query) : [];
  const open = wanted;
  const activeIndex = matches.length === 0 ? -1 : Math.min(active, matches.length - 1);

  // The new text is in the textarea only after React renders it; then the selection can be set.
  useLayoutEffect(() => {
    const range = selectAfter.current;
    const box = textarea.current;
    if (!range || !box) return;
    selectAfter.current = null;
    box.focus();
    box.setSelectionRange(range.start, range.end);
  });

  const insert = (item: CannedResponse) => {
    if (!trigger || caret === null) return;
    const text = fillVariables(item.body, cannedValues(store.getState(), sid));
    const next = draft.slice(0, trigger.start) + text + draft.slice(caret);
    const end = trigger.start + text.length;
    const gap = firstUnfilled(next, trigger.start);
    const range = gap && gap.end <= end ? gap : { start: end, end };
    selectAfter.current = range;
    setCaret(range.start === range.end ? range.end : null);
    setDraft(next);
    setActive(0);
  };

  /** True when the key was the picker's. */
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!open || e.nativeEvent.isComposing) return false;
    if (e.key === 'Escape') {
      e.preventDefault();
      // The thread's own Escape (back to the inbox) must not fire too.
      e.stopPropagation();
      setDismissed(trigger.start);
      return true;
    }
    if (matches.length === 0) return false;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((activeIndex + step + matches.length) % matches.length);
      return true;
    }
    if ((e.key === 'Enter' && !e.shiftKey) || (e.key === 'Tab' && !e.shiftKey)) {
      e.preventDefault();
      const item = matches[activeIndex];
      if (item) insert(item);
      return true;
    }
    return false;
  };

  /** The textarea's caret moved (typing, clicking, arrows). */
  const onCaret = (box: HTMLTextAreaElement) => {
    const next = box.selectionStart === box.selectionEnd ? box.selectionStart : null;
    if (next !== caret) {
      setCaret(next);
      setActive(0);
    }
    // Escape holds only for that `/`: a new one opens the picker again.
    const t = next === null ? null : slashQuery(box.value, next);
    if (dismissed !== null && t?.start !== dismissed) setDismissed(null);
  };

  /** Leaving the textarea closes the list; coming back with the caret after `/word` opens it again. */
  const onBlur = () => setCaret(null);

  return { onBlur, open, query: trigger?.query ?? '', matches, activeIndex, hasAny: items.length > 0, error, insert, onKeyDown, onCaret, setActive };
}
