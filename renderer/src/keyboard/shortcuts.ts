/**
 * Every keyboard shortcut of the desk, in one map: the `?` overlay renders from it and the
 * window's key handler matches against it, so neither can drift from the other. Keys are written
 * as Electron accelerators ("CmdOrCtrl+K", "Alt+Down", "E"), the same strings the application
 * menu (electron/main/desktop/app-menu.ts) uses; a test checks every menu accelerator is here.
 *
 * Single letters follow Gmail and Front (e done, h snooze, j/k move, ? help) and only act when no
 * text field has the focus, so typing a reply never triggers them.
 */
import type { ParseKeys } from 'i18next';

type TranslationKey = ParseKeys;

/** Who carries the shortcut out: the window's key handler (keyboard/useShortcuts), the inbox list, or the native menu. */
export type ShortcutSource = 'window' | 'inbox' | 'menu';

export type ShortcutGroup = 'inbox' | 'conversation' | 'app';

export interface Shortcut {
  id: string;
  /** Any of these keys (Electron accelerator syntax). */
  keys: readonly string[];
  group: ShortcutGroup;
  label: TranslationKey;
  source: ShortcutSource;
  /** Only where this platform's menu offers it (quit is Ctrl+Q outside macOS). */
  platforms?: readonly string[];
}

/** The shortcuts the window's key handler carries out (see useShortcuts). */
export type WindowShortcut = 'assign-to-me' | 'resolve' | 'snooze' | 'undo-resolve' | 'next-unread' | 'help';

export const SHORTCUTS = [
  { id: 'list-next', keys: ['Down', 'J'], group: 'inbox', label: 'shortcuts.listNext', source: 'inbox' },
  { id: 'list-previous', keys: ['Up', 'K'], group: 'inbox', label: 'shortcuts.listPrevious', source: 'inbox' },
  { id: 'list-open', keys: ['Enter'], group: 'inbox', label: 'shortcuts.listOpen', source: 'inbox' },
  { id: 'list-back', keys: ['Escape'], group: 'inbox', label: 'shortcuts.listBack', source: 'inbox' },
  { id: 'next-unread', keys: ['U'], group: 'inbox', label: 'shortcuts.nextUnread', source: 'window' },
  { id: 'next-conversation', keys: ['Alt+Down'], group: 'inbox', label: 'shortcuts.nextConversation', source: 'menu' },
  { id: 'previous-conversation', keys: ['Alt+Up'], group: 'inbox', label: 'shortcuts.previousConversation', source: 'menu' },
  { id: 'assign-to-me', keys: ['A'], group: 'conversation', label: 'shortcuts.assignToMe', source: 'window' },
  { id: 'resolve', keys: ['E'], group: 'conversation', label: 'shortcuts.resolve', source: 'window' },
  { id: 'undo-resolve', keys: ['Z'], group: 'conversation', label: 'shortcuts.undoResolve', source: 'window' },
  { id: 'snooze', keys: ['H'], group: 'conversation', label: 'shortcuts.snooze', source: 'window' },
  { id: 'toggle-participants', keys: ['CmdOrCtrl+Shift+P'], group: 'conversation', label: 'shortcuts.toggleParticipants', source: 'menu' },
  { id: 'quick-switcher', keys: ['CmdOrCtrl+K'], group: 'app', label: 'shortcuts.quickSwitcher', source: 'window' },
  { id: 'new-conversation', keys: ['CmdOrCtrl+N'], group: 'app', label: 'shortcuts.newConversation', source: 'menu' },
  { id: 'settings', keys: ['CmdOrCtrl+,'], group: 'app', label: 'shortcuts.settings', source: 'window' },
  { id: 'help', keys: ['?'], group: 'app', label: 'shortcuts.help', source: 'window' },
  { id: 'quit', keys: ['Ctrl+Q'], group: 'app', label: 'shortcuts.quit', source: 'menu', platforms: ['linux', 'win32'] },
] as const satisfies readonly Shortcut[];

export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = ['inbox', 'conversation', 'app'];

export const GROUP_LABEL: Record<ShortcutGroup, TranslationKey> = {
  inbox: 'shortcuts.groupInbox',
  conversation: 'shortcuts.groupConversation',
  app: 'shortcuts.groupApp',
};

/** The shortcuts for this platform, in the map's order. */
export function shortcutsFor(platform: string): Shortcut[] {
  return (SHORTCUTS as readonly Shortcut[]).filter((s) => !s.platforms || s.platforms.includes(platform));
}

const KEY_NAMES: Record<string, string> = { Down: 'ArrowDown', Up: 'ArrowUp', Left: 'ArrowLeft', Right: 'ArrowRight', Esc: 'Escape', Return: 'Enter' };

interface Parsed {
  key: string;
  mod: boolean;
  ctrl: boolean;
  alt: boolean;
  shift: boolean;
}

function parse(accelerator: string): Parsed {
  const parts = accelerator.split('+');
  // "CmdOrCtrl++" would be a plus key; none of ours is.
  const key = parts.pop() ?? '';
  const has = (m: string) => parts.includes(m);
  return { key: KEY_NAMES[key] ?? key, mod: has('CmdOrCtrl') || has('CommandOrControl'), ctrl: has('Ctrl') || has('Control'), alt: has('Alt'), shift: has('Shift') };
}

/** What matching needs of a keydown (a KeyboardEvent has it; this module stays DOM-free for main's tests). */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** Whether a keydown is this accelerator. Letters ignore case but not Shift; "?" needs whatever Shift the layout needs. */
export function matchesKey(e: KeyPress, accelerator: string): boolean {
  const p = parse(accelerator);
  const letter = /^[a-z]$/i.test(p.key);
  const keyMatches = letter ? e.key.toLowerCase() === p.key.toLowerCase() : e.key === p.key;
  if (!keyMatches) return false;
  const modDown = e.ctrlKey || e.metaKey;
  if (p.mod !== modDown && !(p.ctrl && e.ctrlKey && !e.metaKey)) return false;
  if (p.ctrl && !e.ctrlKey) return false;
  if (p.alt !== e.altKey) return false;
  // Symbols such as "?" come with Shift on most layouts: only letters and named keys care.
  if ((letter || p.key.length > 1) && p.shift !== e.shiftKey) return false;
  return true;
}

/** The key caps to show for an accelerator on this platform: ["Ctrl", "K"], ["⌘", "K"], ["↓"]. */
export function keyCaps(accelerator: string, platform: string): string[] {
  const mac = platform === 'darwin';
  const p = parse(accelerator);
  const caps: string[] = [];
  if (p.mod) caps.push(mac ? '⌘' : 'Ctrl');
  if (p.ctrl) caps.push(mac ? '⌃' : 'Ctrl');
  if (p.alt) caps.push(mac ? '⌥' : 'Alt');
  if (p.shift) caps.push(mac ? '⇧' : 'Shift');
  const named: Record<string, string> = { ArrowDown: '↓', ArrowUp: '↑', ArrowLeft: '←', ArrowRight: '→', Escape: 'Esc', Enter: mac ? '↩' : 'Enter' };
  // Letters as they are typed: lower case alone, capital with a modifier (as menus show them).
  const letter = /^[a-z]$/i.test(p.key);
  caps.push(named[p.key] ?? (letter ? (caps.length > 0 ? p.key.toUpperCase() : p.key.toLowerCase()) : p.key));
  return caps;
}
