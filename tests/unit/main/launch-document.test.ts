import { describe, expect, it, vi } from 'vitest';
import { createLaunchAhead } from '../../../electron/main/launch-ahead';
import { launchDocument, withLaunchSnapshot } from '../../../electron/main/launch-document';

// The shape build/vite/app-preload.ts gives the built index.html.
const BUILT = `<!doctype html>
<html lang="en">
  <head>
    <script type="module" crossorigin src="./assets/index-abc.js"></script>
    <link rel="modulepreload" crossorigin href="./assets/app-main-def.js">
    <link rel="preload" as="style" crossorigin href="./assets/app-main-ghi.css">
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>`;

/** The data block's text, as the entry script reads it. */
const embedded = (document: string): unknown => {
  const m = /<script type="application\/json" id="launch-snapshot">([\s\S]*?)<\/script>/.exec(document);
  return m ? JSON.parse(m[1]!) : undefined;
};

describe('the launch document', () => {
  it('embeds the snapshot as JSON in a data block before the root, and applies the app stylesheet at once', () => {
    const html = '<div class="app"><button class="inbox-row">Maria</button></div>';
    const out = withLaunchSnapshot(BUILT, html);
    expect(embedded(out)).toBe(html);
    expect(out.indexOf('id="launch-snapshot"')).toBeLessThan(out.indexOf('<div id="root">'));
    expect(out).toContain('<link rel="stylesheet" crossorigin href="./assets/app-main-ghi.css">');
    expect(out).not.toContain('rel="preload" as="style"');
    // The scripts are untouched.
    expect(out).toContain('<script type="module" crossorigin src="./assets/index-abc.js"></script>');
  });

  it('cannot be broken out of: markup in the snapshot never closes the data block', () => {
    const hostile = '</script><script>alert(1)</script><!-- <script>';
    const out = withLaunchSnapshot(BUILT, hostile);
    expect(embedded(out)).toBe(hostile);
    expect(out.match(/<script/g)).toHaveLength(2);
    expect(out).not.toContain('alert(1)</script>');
  });

  it('keeps dollar signs in the rows as they are (not replacement patterns)', () => {
    const html = "<span>Pay $` now, or $' later: $& $$ $1</span>";
    const out = withLaunchSnapshot(BUILT, html);
    expect(embedded(out)).toBe(html);
    expect(out.match(/<script/g)).toHaveLength(2);
    expect(out.indexOf('id="launch-snapshot"')).toBeLessThan(out.indexOf('<div id="root">'));
  });

  it('leaves the document as built without a snapshot', () => {
    expect(withLaunchSnapshot(BUILT, null)).toBe(BUILT);
    expect(withLaunchSnapshot(BUILT, '')).toBe(BUILT);
  });

  it('starts the launch reads and takes the snapshot once: a reload reads it again', async () => {
    const keptSnapshot = vi.fn(async (id: string) => `<div class="app">${id}</div>`);
    const ahead = createLaunchAhead({ activeProfileId: async () => 'local', keptFirstScreen: async () => null, coldPage: async () => null, keptSnapshot });
    const document = launchDocument(ahead);
    expect(embedded(await document(BUILT))).toBe('<div class="app">local</div>');
    expect(embedded(await document(BUILT))).toBe('<div class="app">local</div>');
    expect(keptSnapshot).toHaveBeenCalledTimes(2);
  });

  it("reuses the reads the window started for the page's own first ask, and reads afresh for a reload's document", async () => {
    const keptFirstScreen = vi.fn(async () => null);
    const coldPage = vi.fn(async () => null);
    const keptSnapshot = vi.fn(async () => '<div class="app"></div>');
    const ahead = createLaunchAhead({ activeProfileId: async () => 'local', keptFirstScreen, coldPage, keptSnapshot });
    // Electron: the window starts the reads, then its document is served, then the page asks.
    ahead.start();
    await launchDocument(ahead)(BUILT);
    ahead.start();
    await ahead.kept('local', async () => null);
    await ahead.cold('local', async () => null);
    expect(keptFirstScreen).toHaveBeenCalledTimes(1);
    expect(keptSnapshot).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(coldPage).toHaveBeenCalledTimes(1));
    // A reload: its document reads again.
    expect(embedded(await launchDocument(ahead)(BUILT))).toBe('<div class="app"></div>');
    expect(keptSnapshot).toHaveBeenCalledTimes(2);
  });

  it('is not held back by a slow read: the page goes without the snapshot', async () => {
    vi.useFakeTimers();
    try {
      const ahead = createLaunchAhead({ activeProfileId: async () => 'local', keptFirstScreen: async () => null, coldPage: async () => null, keptSnapshot: () => new Promise(() => {}) });
      ahead.start();
      const served = ahead.snapshot(100);
      await vi.advanceTimersByTimeAsync(100);
      expect(await served).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it('waits 100 ms for the snapshot unless told otherwise (the test harness on a busy machine)', async () => {
    vi.useFakeTimers();
    try {
      const slowRead = () => new Promise<string>((resolve) => setTimeout(() => resolve('<div class="app"></div>'), 150));
      const ahead = createLaunchAhead({ activeProfileId: async () => 'local', keptFirstScreen: async () => null, coldPage: async () => null, keptSnapshot: slowRead });
      const asApp = launchDocument(ahead)(BUILT);
      await vi.advanceTimersByTimeAsync(150);
      expect(await asApp).toBe(BUILT);
      const patient = launchDocument(ahead, 1_000)(BUILT);
      await vi.advanceTimersByTimeAsync(150);
      expect(embedded(await patient)).toBe('<div class="app"></div>');
    } finally {
      vi.useRealTimers();
    }
  });
});
