import type { NewMessage, Settings } from '../../../shared/ipc/contract';
import { english, type Translate } from './locale';

/** The part of Electron's Notification used here (the real class satisfies it). */
export interface NotificationLike {
  show(): void;
  close(): void;
  on(event: 'click' | 'close', listener: () => void): unknown;
}

export interface NotificationContent {
  title: string;
  body: string;
  silent: boolean;
}

export type SkipReason = 'disabled' | 'do-not-disturb' | 'muted' | 'in-view' | 'unsupported';

/** Whether a message deserves a notification at all; pure so every rule has a test. */
export function skipReason(message: NewMessage, settings: Settings, windowFocused: boolean): SkipReason | null {
  if (!settings.notifications) return 'disabled';
  if (settings.doNotDisturb) return 'do-not-disturb';
  if (message.muted) return 'muted';
  // The agent is already looking at it: the message is on screen.
  if (windowFocused && message.isOpenConversation) return 'in-view';
  return null;
}

const PREVIEW_LENGTH = 140;

export function preview(text: string, t: Translate = english): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat === '') return t('notification.attachment');
  return flat.length > PREVIEW_LENGTH ? `${flat.slice(0, PREVIEW_LENGTH - 1)}…` : flat;
}

/**
 * Title and body for one message. With "hide content" on, neither the customer's number or name
 * nor the text appears: notifications show on lock screens and shared monitors.
 */
export function messageContent(message: NewMessage, settings: Settings, t: Translate = english): NotificationContent {
  const channel = t(`channel.${message.channel}`);
  const silent = !settings.sound;
  if (settings.hideContent) return { title: t('notification.hiddenTitle', { channel }), body: t('notification.hiddenBody'), silent };
  const from = message.author.trim() || t('notification.customer');
  const title = message.conversationTitle && message.conversationTitle !== from ? `${from} · ${message.conversationTitle}` : from;
  return { title: `${title} (${channel})`, body: preview(message.body, t), silent };
}

export function summaryContent(count: number, conversations: number, settings: Settings, t: Translate = english): NotificationContent {
  const messages = t('notification.summaryTitle', { count });
  return {
    title: messages,
    body: t('notification.summaryBody', { messages, conversations: t('notification.summaryConversations', { count: conversations }) }),
    silent: !settings.sound,
  };
}

export interface NotifierDeps {
  createNotification: (content: NotificationContent) => NotificationLike;
  isSupported: () => boolean;
  settings: () => Settings;
  isWindowFocused: () => boolean;
  /** A click: show the window and open this conversation (null: just show the window). */
  onClick: (conversationSid: string | null) => void;
  now?: () => number;
  /** This many messages, each less than `burstGapMs` after the previous, become one summary. */
  burstSize?: number;
  burstGapMs?: number;
  /** Words in the user's language (locale.ts); English when omitted. */
  t?: Translate;
}

export type NotifyOutcome = { shown: 'message' | 'summary' } | { skipped: SkipReason };

/**
 * Native notifications for new messages, coalesced: a burst (by default 3 or more messages less
 * than 2 s apart) closes the single notifications it already showed and shows one summary, so a
 * customer pasting ten lines does not bury the screen in ten toasts.
 */
export function createNotifier(deps: NotifierDeps) {
  const now = deps.now ?? Date.now;
  const burstSize = deps.burstSize ?? 3;
  const burstGapMs = deps.burstGapMs ?? 2000;
  // Referenced until closed: a notification that is garbage-collected loses its click handler.
  const alive = new Set<NotificationLike>();
  let burst: { sids: string[]; singles: NotificationLike[]; summary: NotificationLike | null; last: number } | null = null;

  const show = (content: NotificationContent, clickSid: string | null): NotificationLike => {
    const n = deps.createNotification(content);
    alive.add(n);
    n.on('click', () => {
      alive.delete(n);
      deps.onClick(clickSid);
    });
    n.on('close', () => alive.delete(n));
    n.show();
    return n;
  };
  const close = (n: NotificationLike) => {
    alive.delete(n);
    n.close();
  };

  return {
    notify(message: NewMessage): NotifyOutcome {
      const settings = deps.settings();
      const reason = skipReason(message, settings, deps.isWindowFocused()) ?? (deps.isSupported() ? null : 'unsupported');
      if (reason) return { skipped: reason };

      const t = now();
      if (!burst || t - burst.last >= burstGapMs) burst = { sids: [], singles: [], summary: null, last: t };
      burst.sids.push(message.conversationSid);
      burst.last = t;

      if (burst.sids.length < burstSize) {
        burst.singles.push(show(messageContent(message, settings, deps.t), message.conversationSid));
        return { shown: 'message' };
      }
      burst.singles.forEach(close);
      burst.singles = [];
      if (burst.summary) close(burst.summary);
      const distinct = new Set(burst.sids);
      // One conversation: the click can open it; several: the inbox is the better place.
      const target = distinct.size === 1 ? message.conversationSid : null;
      burst.summary = show(summaryContent(burst.sids.length, distinct.size, settings, deps.t), target);
      return { shown: 'summary' };
    },
    /** How many notifications are on screen (for tests and diagnostics). */
    get open(): number {
      return alive.size;
    },
  };
}

export type Notifier = ReturnType<typeof createNotifier>;
