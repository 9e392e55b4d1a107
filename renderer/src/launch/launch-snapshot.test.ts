import { afterEach, describe, expect, it, vi } from 'vitest';
import { LAUNCH_SNAPSHOT_ELEMENT_ID, LAUNCH_SNAPSHOT_LAYER_ID } from '../../../shared/ipc/launch-snapshot-limits';
import { captureLaunchSnapshot } from './snapshot-capture';
import { cleanSnapshot, dismissLaunchSnapshot, dismissLaunchSnapshotWhen, paintLaunchSnapshot, snapshotShown } from './snapshot-paint';

const WORDS = { connecting: 'Connecting…', updating: 'Updating conversations…' };

/** The app's DOM as the inbox shows it: a conversation open, its participants, a dialog over it. */
function liveApp({ query = '', view = 'open' } = {}): void {
  document.body.innerHTML = `
    <div id="root"><div class="app">
      <div class="conn-status conn-ok" role="status"><span class="conn-dot"></span>Connected as agent@desk.local</div>
      <div class="panes with-participants">
        <nav class="inbox" aria-label="Inbox" data-list-query="${query}" data-text-query="">
          <header class="inbox-header"><h1>Inbox</h1></header>
          <div class="inbox-search"><input type="search" aria-label="Search conversations"></div>
          <div class="inbox-list-box" id="inbox-view-panel" role="tabpanel" aria-labelledby="view-tab-${view}">
            <div data-virtuoso-scroller="true" tabindex="0" class="inbox-list" style="height: 100%; overflow-y: auto;">
              <div data-index="0"><button type="button" class="inbox-row selected unread" aria-current="true" aria-label="Maria Gonzalez, SMS" data-inbox-sid="CH1"><span class="inbox-row-name">Maria Gonzalez</span></button></div>
              <div data-index="1"><button type="button" class="inbox-row" aria-label="Jack Wilson, SMS" data-inbox-sid="CH2"><span class="inbox-row-name">Jack Wilson</span></button></div>
            </div>
          </div>
        </nav>
        <main class="thread" aria-label="Conversation"><article class="message">A private message</article></main>
        <aside class="participants">+15551230001</aside>
      </div>
      <div role="dialog">Settings</div>
    </div></div>`;
}

/** The next launch's document: an empty root and the snapshot in its data block. */
function launchDocument(html: string): void {
  document.body.innerHTML = `<script type="application/json" id="${LAUNCH_SNAPSHOT_ELEMENT_ID}">${JSON.stringify(html).replace(/</g, '\\u003c')}</script><div id="root"></div>`;
}

afterEach(() => {
  dismissLaunchSnapshot();
  document.body.innerHTML = '';
});

describe('launch snapshot: capture', () => {
  it('takes the inbox as the next launch first shows it: connecting, rows updating, nothing open, no dialog', () => {
    liveApp();
    const html = captureLaunchSnapshot(document, WORDS);
    expect(html).not.toBeNull();
    const taken = document.createElement('div');
    taken.innerHTML = html!;
    expect(taken.querySelector('.conn-banner.conn-connecting')?.textContent).toBe('Connecting…');
    expect(taken.textContent).not.toContain('Connected as');
    expect(taken.querySelector('.inbox-updating')?.textContent).toBe('Updating conversations…');
    expect([...taken.querySelectorAll('.inbox-row')].map((r) => r.getAttribute('data-inbox-sid'))).toEqual(['CH1', 'CH2']);
    expect(taken.querySelector('.selected, [aria-current]')).toBeNull();
    expect(taken.querySelector('.panes')?.className).toBe('panes');
    expect(taken.querySelector('main.thread.thread-empty')?.textContent).toBe('');
    // With no conversation open, the pane's own words are taken as they are.
    document.querySelector('main.thread')!.outerHTML = '<main class="thread thread-empty"><p class="empty-title">No conversation selected</p></main>';
    expect(captureLaunchSnapshot(document, WORDS)).toContain('<p class="empty-title">No conversation selected</p>');
    expect(taken.textContent).not.toContain('A private message');
    expect(taken.textContent).not.toContain('+15551230001');
    expect(taken.textContent).not.toContain('Settings');
    // The window itself is untouched.
    expect(document.querySelector('.conn-status')?.textContent).toContain('Connected as');
    expect(document.querySelector('.inbox-row.selected')).not.toBeNull();
  });

  it("leaves the team queue's rows out: the launch's first frame lists the agent's own conversations from the copy", () => {
    liveApp();
    document.querySelector('[data-index="1"]')!.insertAdjacentHTML('afterend', '<div data-index="2"><button class="inbox-row queue-row" data-inbox-sid="CH3">Unassigned customer</button></div>');
    const html = captureLaunchSnapshot(document, WORDS)!;
    expect(html).toContain('Jack Wilson');
    expect(html).not.toContain('Unassigned customer');
    expect(html).not.toContain('data-index="2"');
  });

  it('takes nothing from a screen a launch would show otherwise: a search, another view, a filter', () => {
    liveApp({ query: 'maria' });
    expect(captureLaunchSnapshot(document, WORDS)).toBeNull();
    liveApp({ view: 'mine' });
    expect(captureLaunchSnapshot(document, WORDS)).toBeNull();
    liveApp();
    document.querySelector('.inbox-header')!.insertAdjacentHTML('beforeend', '<button aria-pressed="true">Unread</button>');
    expect(captureLaunchSnapshot(document, WORDS)).toBeNull();
    liveApp();
    (document.querySelector('input[type="search"]') as HTMLInputElement).value = 'typed, not yet filtered';
    expect(captureLaunchSnapshot(document, WORDS)).toBeNull();
    document.body.innerHTML = '<div id="root"><div class="app"><div class="tool-screen">Analytics</div></div></div>';
    expect(captureLaunchSnapshot(document, WORDS)).toBeNull();
  });
});

describe('launch snapshot: paint', () => {
  it('paints the embedded snapshot over the root, inert and hidden from assistive technology', () => {
    liveApp();
    const html = captureLaunchSnapshot(document, WORDS)!;
    launchDocument(html);
    expect(paintLaunchSnapshot(document)).toBe(true);
    expect(snapshotShown()).toBe(true);
    expect(document.getElementById(LAUNCH_SNAPSHOT_ELEMENT_ID)).toBeNull();
    const layer = document.getElementById(LAUNCH_SNAPSHOT_LAYER_ID)!;
    expect(layer.getAttribute('aria-hidden')).toBe('true');
    expect(layer.nextElementSibling?.id).toBe('root');
    expect(layer.textContent).toContain('Maria Gonzalez');
    // No ids to clash with the app's (the list's tabpanel), nothing reachable by Tab.
    expect(layer.querySelector('[id]')).toBeNull();
    for (const e of layer.querySelectorAll('button, input, [tabindex]')) expect(e.getAttribute('tabindex')).toBe('-1');
  });

  it('opens the row clicked on the snapshot once the app lists it, and goes when the app is ready', async () => {
    liveApp();
    launchDocument(captureLaunchSnapshot(document, WORDS)!);
    paintLaunchSnapshot(document);
    (document.querySelector(`#${LAUNCH_SNAPSHOT_LAYER_ID} [data-inbox-sid="CH2"] .inbox-row-name`) as HTMLElement).click();
    // The app renders its own rows under the snapshot.
    const opened = vi.fn();
    const root = document.getElementById('root')!;
    root.innerHTML = '<button class="inbox-row" data-inbox-sid="CH1"></button><button class="inbox-row" data-inbox-sid="CH2"></button>';
    root.querySelector('[data-inbox-sid="CH2"]')!.addEventListener('click', opened);
    let ready = false;
    dismissLaunchSnapshotWhen(() => ready, document);
    await new Promise((r) => requestAnimationFrame(r));
    expect(snapshotShown()).toBe(true);
    ready = true;
    await vi.waitFor(() => expect(snapshotShown()).toBe(false));
    expect(document.getElementById(LAUNCH_SNAPSHOT_LAYER_ID)).toBeNull();
    expect(opened).toHaveBeenCalledTimes(1);
  });

  it("goes in the same task as the app's rows arrive, not a frame later", async () => {
    liveApp();
    launchDocument(captureLaunchSnapshot(document, WORDS)!);
    paintLaunchSnapshot(document);
    const root = document.getElementById('root')!;
    dismissLaunchSnapshotWhen(() => root.querySelector('.inbox-row') !== null, document);
    root.innerHTML = '<button class="inbox-row" data-inbox-sid="CH1"></button>';
    // Mutation observers run at the end of this task, before any frame.
    await Promise.resolve();
    expect(snapshotShown()).toBe(false);
  });

  it('paints nothing from a document without a snapshot, or with one that is not a string of rows', () => {
    document.body.innerHTML = '<div id="root"></div>';
    expect(paintLaunchSnapshot(document)).toBe(false);
    launchDocument('<p>no rows</p>');
    expect(paintLaunchSnapshot(document)).toBe(false);
    document.body.innerHTML = `<script type="application/json" id="${LAUNCH_SNAPSHOT_ELEMENT_ID}">{"html": 1}</script><div id="root"></div>`;
    expect(paintLaunchSnapshot(document)).toBe(false);
    document.body.innerHTML = `<script type="application/json" id="${LAUNCH_SNAPSHOT_ELEMENT_ID}">not json</script><div id="root"></div>`;
    expect(paintLaunchSnapshot(document)).toBe(false);
    expect(document.getElementById(LAUNCH_SNAPSHOT_LAYER_ID)).toBeNull();
  });

  it('keeps only static markup: no script, handler, link, URL, base, meta or styled fetch survives', () => {
    const t = document.createElement('template');
    t.innerHTML = `
      <div class="app" onclick="alert(1)" id="x">
        <script>alert(2)</script><base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example">
        <link rel="stylesheet" href="https://evil.example/x.css"><style>body{display:none}</style>
        <img src="x" onerror="alert(3)"><a href="javascript:alert(4)">link</a><iframe srcdoc="<p>x</p>"></iframe>
        <svg><use href="https://evil.example/s.svg#i"></use><path d="M0 0" onload="alert(5)"></path></svg>
        <span style="background: url(https://evil.example/p.png)">tracked</span><span style="--avatar-hue: 298; width: 36px; color: var(--text)">MG</span>
        <span style="background: u\\72 l(evil.example)">escaped</span><span style="background-image: image-set('https://evil.example/i.png' 1x)">set</span>
        <svg><filter><feImage href="https://evil.example/f.png"></feImage></filter><set attributeName="href" to="https://evil.example/s.png"></set><animate attributeName="x"></animate></svg>
        <button class="inbox-row" aria-labelledby="x" formaction="https://evil.example">Maria</button>
      </div>`;
    cleanSnapshot(t.content);
    const html = (t.content.firstElementChild as Element).outerHTML;
    for (const bad of ['script', 'alert', 'evil.example', '<base', '<meta', '<link', '<style', '<img', '<a ', '<iframe', '<use', '<set', '<animate', '<filter', '<feimage', 'id="x"', 'aria-labelledby', 'url(', 'image-set', '\\72']) {
      expect(html, bad).not.toContain(bad);
    }
    expect(html).toContain('--avatar-hue: 298; width: 36px; color: var(--text)');
    expect(html).toContain('Maria');
    expect(html).toContain('<path d="M0 0"></path>');
  });
});
