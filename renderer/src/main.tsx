/** Renderer entry: paint the shell immediately, then start the SDK for the active profile. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App';
import { startLocale } from './i18n/locale-sync';
import { installBrowserBridge } from './platform/browser-bridge';
import { startSession, stopSession } from './sdk/session';
import { useDeskStore } from './store';
import './styles/base.css';

installBrowserBridge();
// Before the first render: the window paints in the agent's language, not English then theirs.
startLocale();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

startSession().catch((e: unknown) => {
  useDeskStore.getState().setConnection('error', e instanceof Error ? e.message : String(e));
});

// Close the socket politely on reload/quit so the service doesn't wait for a timeout.
window.addEventListener('beforeunload', () => void stopSession());
