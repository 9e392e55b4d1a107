/** Renderer entry: paint the shell immediately, then start the SDK for the active profile. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App';
import { installBrowserBridge } from './platform/browser-bridge';
import { getDesk } from './platform/desk';
import { followLocalWorkspace } from './sdk/local-status';
import { startSession, stopSession } from './sdk/session';
import { useDeskStore } from './store';
import './styles/base.css';

installBrowserBridge();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

followLocalWorkspace(getDesk(), useDeskStore);
startSession().catch((e: unknown) => {
  useDeskStore.getState().setConnection('error', e instanceof Error ? e.message : String(e));
});

// Close the socket politely on reload/quit so the service doesn't wait for a timeout.
window.addEventListener('beforeunload', () => void stopSession());
