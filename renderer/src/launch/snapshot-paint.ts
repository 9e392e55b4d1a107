/**
 * Paints the launch snapshot (launch/snapshot-capture.ts) that main embedded in the document, over
 * the app's root, before the app's code has loaded: the agent sees the inbox as they left it in the
 * first frames of a launch, not a blank window for most of a second. The app dismisses it once it
 * has painted its own first screen; a row clicked meanwhile is opened then.
 *
 * The entry script runs this before anything else: nothing here may import the app's modules.
 * The HTML came from this app's own DOM, but it was stored on disk and is put in the page as
 * HTML, so it is cleaned first (no scripts, links, URLs, handlers or ids), under the page's CSP.
 */
import { LAUNCH_SNAPSHOT_ELEMENT_ID, LAUNCH_SNAPSHOT_LAYER_ID, LAUNCH_SNAPSHOT_MAX_CHARS } from '../../../shared/ipc/launch-snapshot-limits';

/** Anything that could load, run, navigate or restyle the page is dropped with its content. */
const DROPPED_ELEMENTS =
  'script, style, link, meta, base, iframe, frame, frameset, object, embed, template, form, noscript, title, img, picture, video, audio, source, track, a, ' +
  // SVG that loads, links or animates attributes into doing so.
  'image, use, foreignObject, feImage, animate, set, animateMotion, animateTransform, mpath, filter, pattern, mask, clipPath';
/** Attributes that load, link, or would clash with the app's own elements underneath (ids). */
const DROPPED_ATTRIBUTES = new Set(['id', 'src', 'srcset', 'href', 'xlink:href', 'action', 'formaction', 'poster', 'data', 'srcdoc', 'ping', 'background', 'for', 'form', 'aria-labelledby', 'aria-describedby', 'aria-controls', 'aria-owns', 'autofocus']);
const SAFE_STYLE = (style: string): boolean => !style.includes('\\') && !/\(/.test(style.replace(/\bvar\(/g, ''));
const FOCUSABLE = 'button, input, select, textarea, [tabindex], [contenteditable]';
/** Past this, the app is taken to have failed to start: the snapshot must not hide its error. */
const SAFETY_DISMISS_MS = 15_000;

/** Cleans a parsed snapshot in place: only inert, static markup stays. */
export function cleanSnapshot(root: DocumentFragment | Element): void {
  for (const e of root.querySelectorAll(DROPPED_ELEMENTS)) e.remove();
  for (const e of root.querySelectorAll('*')) {
    for (const { name } of [...e.attributes]) {
      const lower = name.toLowerCase();
      if (lower.startsWith('on') || DROPPED_ATTRIBUTES.has(lower)) e.removeAttribute(name);
      // Inline styles stay (list offsets, avatar hues), but none with a function other than var()
      // or an escape: no url(), image-set() or `u\72 l(` can fetch anything.
      else if (lower === 'style' && !SAFE_STYLE(e.getAttribute(name) ?? '')) e.removeAttribute(name);
    }
  }
  // A picture of the window: nothing in it takes the keyboard (the app's own elements do, once loaded).
  for (const e of root.querySelectorAll(FOCUSABLE)) {
    e.setAttribute('tabindex', '-1');
    e.removeAttribute('contenteditable');
  }
}

interface Painted {
  layer: HTMLElement;
  /** The row clicked while the snapshot was up, opened once the app's rows are there. */
  clickedSid: string | null;
  timer: ReturnType<typeof setTimeout>;
}

let painted: Painted | null = null;

/** The snapshot's HTML from the document's data block (removed once read), or null. */
function takeEmbedded(doc: Document): string | null {
  const block = doc.getElementById(LAUNCH_SNAPSHOT_ELEMENT_ID);
  if (!block) return null;
  block.remove();
  if (block.getAttribute('type') !== 'application/json') return null;
  try {
    const html: unknown = JSON.parse(block.textContent ?? 'null');
    return typeof html === 'string' && html.length > 0 && html.length <= LAUNCH_SNAPSHOT_MAX_CHARS ? html : null;
  } catch {
    return null;
  }
}

/** Paints the embedded snapshot over the app's root; false when the document carried none. */
export function paintLaunchSnapshot(doc: Document = document): boolean {
  const html = takeEmbedded(doc);
  const root = doc.getElementById('root');
  if (!html || !root || painted) return false;
  // Parsed inert (a template's content runs nothing and loads nothing), cleaned, then adopted.
  const template = doc.createElement('template');
  template.innerHTML = html;
  cleanSnapshot(template.content);
  if (!template.content.querySelector('.inbox-row')) return false;
  const layer = doc.createElement('div');
  layer.id = LAUNCH_SNAPSHOT_LAYER_ID;
  layer.className = 'launch-snapshot';
  // The app's own tree is what assistive technology reads; this is only a picture of it.
  layer.setAttribute('aria-hidden', 'true');
  layer.append(template.content);
  const state: Painted = { layer, clickedSid: null, timer: setTimeout(() => dismissLaunchSnapshot(doc), SAFETY_DISMISS_MS) };
  layer.addEventListener('click', (e) => {
    const row = (e.target as Element | null)?.closest?.('[data-inbox-sid]');
    state.clickedSid = row?.getAttribute('data-inbox-sid') ?? state.clickedSid;
  });
  root.before(layer);
  painted = state;
  performance.mark('desk:launch-snapshot');
  return true;
}

/** Whether a snapshot is on screen. */
export const snapshotShown = (): boolean => painted !== null;

/**
 * Removes the snapshot (the app has painted its first screen, or is showing something else) and
 * opens the row the agent clicked on it, if the app lists that row. Safe to call more than once.
 */
export function dismissLaunchSnapshot(doc: Document = document): void {
  const state = painted;
  if (!state) return;
  painted = null;
  clearTimeout(state.timer);
  state.layer.remove();
  if (!state.clickedSid) return;
  const rows = doc.getElementById('root')?.querySelectorAll<HTMLElement>('[data-inbox-sid]') ?? [];
  [...rows].find((r) => r.getAttribute('data-inbox-sid') === state.clickedSid)?.click();
}

/**
 * Dismisses the snapshot as soon as `appReady()` holds: checked after each change to the app's
 * DOM (so the frame that shows the app's own rows is the first without the snapshot, never a
 * frame later) and before each frame (for readiness the DOM does not show, e.g. an error state).
 */
export function dismissLaunchSnapshotWhen(appReady: () => boolean, doc: Document = document): void {
  const root = doc.getElementById('root');
  const observer = root && typeof MutationObserver === 'function' ? new MutationObserver(() => check()) : null;
  const check = () => {
    if (painted && !appReady()) return false;
    observer?.disconnect();
    dismissLaunchSnapshot(doc);
    return true;
  };
  if (check()) return;
  if (observer && root) observer.observe(root, { childList: true, subtree: true });
  const frame = () => {
    if (!check()) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}
