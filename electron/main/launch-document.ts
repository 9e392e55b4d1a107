/**
 * The page's document as main serves it at launch: with the launch snapshot (the inbox as last
 * seen, as HTML the renderer kept) embedded for the entry script to paint before the app's code
 * has loaded (renderer/src/launch/snapshot-paint.ts). Shared by app:// and the browser harness.
 */
import { LAUNCH_SNAPSHOT_ELEMENT_ID } from '../../shared/ipc/launch-snapshot-limits';
import type { LaunchAhead } from './launch-ahead';

/** How long the document waits for the snapshot's read (decrypting a small file: a few ms). */
export const LAUNCH_SNAPSHOT_WAIT_MS = 100;

/**
 * JSON in a data block: never run, never parsed as HTML (`<` is escaped, so no `</script>` can end
 * it early), read by the entry script with JSON.parse.
 */
const dataBlock = (html: string) => `<script type="application/json" id="${LAUNCH_SNAPSHOT_ELEMENT_ID}">${JSON.stringify(html).replace(/</g, '\\u003c')}</script>`;

/**
 * `document` with `snapshot` embedded before the app's root; unchanged without one. The app's
 * stylesheet, otherwise only preloaded until the app's code applies it, is then applied at once
 * (a stylesheet link in the head), so the snapshot's first frame is styled.
 */
export function withLaunchSnapshot(document: string, snapshot: string | null): string {
  if (!snapshot || !document.includes('<div id="root">')) return document;
  return document
    .replace(/<link rel="preload" as="style"( crossorigin)? href="([^"]+\.css)">/g, '<link rel="stylesheet"$1 href="$2">')
    // A function, not a string: `$&`, `$\`` and `$'` in the rows' text are text, not replacement patterns.
    .replace('<div id="root">', () => `${dataBlock(snapshot)}<div id="root">`);
}

/** The document rewrite for a page load: starts the launch's reads (a reload's too) and embeds the snapshot. */
export function launchDocument(launchAhead: Pick<LaunchAhead, 'start' | 'snapshot'>, waitMs = LAUNCH_SNAPSHOT_WAIT_MS): (html: string) => Promise<string> {
  return async (html) => {
    launchAhead.start({ document: true });
    return withLaunchSnapshot(html, await launchAhead.snapshot(waitMs));
  };
}
