/**
 * The launch snapshot: the inbox's first screen as static HTML, kept by main beside the inbox copy
 * and painted by the next launch's entry script before the app's code has loaded (launch/
 * snapshot-paint.ts). It is taken from the live DOM when the copy is saved, and made to look like
 * the app's own first frame of a launch (connecting, the rows marked as updating, no conversation
 * open), so the app's first render replaces it without a jump.
 *
 * Only a screen the next launch would show the same way is taken: the inbox, its first view, no
 * search or filter, scrolled to the top. Otherwise the answer is null and main drops the old
 * snapshot, so a launch never paints rows the app would then swap for others.
 */
import { LAUNCH_SNAPSHOT_MAX_CHARS } from '../../../shared/ipc/launch-snapshot-limits';

export interface SnapshotWords {
  /** The connection banner's text while connecting. */
  connecting: string;
  /** The line the inbox shows over rows from the kept copy. */
  updating: string;
}

/** The first view's tab (queue-slice's default view); another view's rows are not what a launch lists. */
const FIRST_VIEW_TAB = 'view-tab-open';

/** The live app, its panes and its inbox, when they are a screen the next launch paints the same way; else null. */
function capturableInbox(root: ParentNode): { app: Element; panes: Element; nav: Element } | null {
  const app = root.querySelector('.app');
  const panes = app?.querySelector(':scope > .panes');
  const nav = panes?.querySelector(':scope > nav.inbox');
  if (!app || !panes || !nav) return null;
  if (nav.getAttribute('data-list-query') || nav.getAttribute('data-text-query')) return null;
  if (nav.querySelector('.inbox-list-box')?.getAttribute('aria-labelledby') !== FIRST_VIEW_TAB) return null;
  const search = nav.querySelector<HTMLInputElement>('input[type="search"]');
  if (search && search.value !== '') return null;
  if ([...nav.querySelectorAll('select')].some((s) => s.value !== '')) return null;
  if (nav.querySelector('[aria-pressed="true"]')) return null;
  const scroller = nav.querySelector('[data-virtuoso-scroller]');
  if (!scroller || scroller.scrollTop > 0) return null;
  if (!nav.querySelector('.inbox-row')) return null;
  return { app, panes, nav };
}

const element = (doc: Document, tag: string, classes: readonly string[], text?: string): HTMLElement => {
  const e = doc.createElement(tag);
  e.classList.add(...classes);
  if (text !== undefined) e.textContent = text;
  return e;
};

const spinner = (doc: Document) => {
  const s = element(doc, 'span', ['spinner']);
  s.setAttribute('aria-hidden', 'true');
  return s;
};

/**
 * The snapshot of the window's inbox as HTML, or null when this screen is not one a launch shows
 * (see above) or it is too large to keep.
 */
export function captureLaunchSnapshot(doc: Document, words: SnapshotWords): string | null {
  const live = capturableInbox(doc);
  if (!live) return null;
  // The banner, the inbox and an empty thread pane: dialogs, menus, toasts, layers and the open
  // conversation are not a launch's first frame (and are not copied at all).
  const app = live.app.cloneNode(false) as Element;
  const banner = element(doc, 'div', ['conn-banner', 'conn-connecting']);
  banner.append(spinner(doc), element(doc, 'strong', [], words.connecting));
  const panes = live.panes.cloneNode(false) as Element;
  // No conversation open and no participants panel: the launch's first frame has neither.
  panes.className = 'panes';
  if (live.panes.classList.contains('narrow')) panes.classList.add('narrow');
  const nav = live.nav.cloneNode(true) as Element;
  // The empty thread pane as the app draws it, when it is on screen; else the pane without its words.
  const emptyThread = live.panes.querySelector(':scope > main.thread-empty')?.cloneNode(true) ?? element(doc, 'main', ['thread', 'thread-empty']);
  panes.append(nav, emptyThread);
  app.append(banner, panes);

  // The team queue's rows come over REST after the launch's first frame, which lists the agent's
  // own conversations from the copy: they are left out, as that frame leaves them out.
  for (const row of nav.querySelectorAll('.queue-row')) (row.closest('[data-index]') ?? row).remove();
  if (!nav.querySelector('.inbox-row')) return null;
  for (const row of nav.querySelectorAll('.inbox-row.selected')) row.classList.remove('selected');
  for (const row of nav.querySelectorAll('[aria-current]')) row.removeAttribute('aria-current');
  // Popovers and menus opened from the inbox header.
  for (const open of nav.querySelectorAll('[role="menu"], [role="dialog"], [role="listbox"], [role="tooltip"]')) open.remove();
  nav.querySelector('.inbox-updating')?.remove();
  const updating = element(doc, 'p', ['inbox-updating']);
  updating.append(spinner(doc), doc.createTextNode(words.updating));
  nav.querySelector('.inbox-list-box')?.before(updating);

  const html = app.outerHTML;
  return html.length <= LAUNCH_SNAPSHOT_MAX_CHARS ? html : null;
}
