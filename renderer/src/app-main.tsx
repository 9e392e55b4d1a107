/** The app, loaded by the entry (main.tsx): paint the shell immediately, then start the SDK for the active profile. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App';
import { preloadLazyScreensWhenIdle } from './components/lazy-screens';
import { startLocale } from './i18n/locale-sync';
import { installBrowserBridge } from './platform/browser-bridge';
import { dismissLaunchSnapshotWhen, snapshotShown } from './launch/snapshot-paint';
import { getDesk } from './platform/desk';
import { followLocalWorkspace } from './sdk/local-status';
import { createSessionHost } from './sdk/session';
import { ignoreSdkTransportDrops } from './sdk/transport-rejections';
import { DeskProvider } from './session/context';
import './styles/base.css';

installBrowserBridge();
ignoreSdkTransportDrops(window);
// Before the first render: the window paints in the agent's language, not English then theirs.
startLocale();

const host = createSessionHost();

/**
 * Benchmarks read the store from outside the page (`?probe` in the URL): counts and connection
 * state that the DOM of a virtualized list can't give. Nothing in the app reads it.
 */
if (new URLSearchParams(location.search).has('probe')) {
  (globalThis as { deskStore?: unknown }).deskStore = { getState: () => host.current().store.getState() };
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <DeskProvider host={host}>
      <App />
    </DeskProvider>
  </StrictMode>,
);

// The launch snapshot (painted by the entry) gives way to the app's first screen in the frame that
// shows its rows, or at once when the app shows something else (an error, another screen).
if (snapshotShown()) {
  dismissLaunchSnapshotWhen(() => {
    const s = host.current().store.getState();
    const waiting = s.connection.status === 'connecting' && s.inboxSource !== 'live';
    return root.querySelector('.inbox-row') !== null || !waiting || host.app.getState().screen !== 'inbox';
  });
}

// The tool screens' chunks, once the first screen is up: a shortcut then opens them without a wait.
preloadLazyScreensWhenIdle();

followLocalWorkspace(getDesk(), () => host.current().store);
host.start().catch((e: unknown) => {
  host.current().store.getState().setConnection('error', e instanceof Error ? e.message : String(e));
});

// Close the socket politely on reload/quit so the service doesn't wait for a timeout.
window.addEventListener('beforeunload', () => void host.stop());
