/**
 * The window's key handler for the single-key shortcuts (keyboard/shortcuts.ts): a keydown
 * listener on the window, so they work in the browser harness as well as in Electron (whose
 * menu accelerators cover only the Ctrl/Cmd ones). Keys typed into a field, and keys pressed
 * while a modal dialog is open, are left alone.
 */
import { useEffect, useRef } from 'react';
import { matchesKey, SHORTCUTS, type WindowShortcut } from './shortcuts';

export type ShortcutHandlers = Partial<Record<WindowShortcut, () => void>>;

/** Focus is where text goes: a reply, a search box, a form. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
}

/** The shortcut a keydown asks for, or null when it is not one of the window's or should be left alone. */
export function shortcutFor(e: KeyboardEvent, handled: ReadonlySet<string>): WindowShortcut | null {
  if (e.defaultPrevented || e.isComposing) return null;
  const plain = !(e.ctrlKey || e.metaKey || e.altKey);
  // Single keys never fire while typing; Escape and Ctrl/Cmd combinations may (none of ours is one yet).
  if (plain && e.key !== 'Escape' && isTyping(e.target)) return null;
  if (document.querySelector('[aria-modal="true"]')) return null;
  for (const s of SHORTCUTS) {
    if (s.source !== 'window' || !handled.has(s.id)) continue;
    if (s.keys.some((k) => matchesKey(e, k))) return s.id as WindowShortcut;
  }
  return null;
}

export function useShortcuts(handlers: ShortcutHandlers, enabled = true): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      const id = shortcutFor(e, new Set(Object.keys(latest.current)));
      const run = id ? latest.current[id] : undefined;
      if (!run) return;
      e.preventDefault();
      run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
