/**
 * Everything the desktop shell adds to the window: the offline banner, reports to main (badge,
 * notifications), deep links and menu commands, the quick switcher and the settings panel.
 */
import { Suspense, useCallback, useEffect } from 'react';
import type { MenuCommand } from '../../../../shared/ipc/contract';
import { adjacentConversation } from '../../desktop/navigation';
import { useDesktopEvents } from '../../hooks/useDesktopEvents';
import { conversationInFocus, openInboxRow } from '../../keyboard/inbox-keys';
import { useDesktopReports } from '../../hooks/useDesktopReports';
import { getDesk, hasDesk } from '../../platform/desk';
import { useAppStore, useAppStoreApi, useDeskStoreApi, type DeskStore } from '../../store';
import { selectViewSids } from '../../store/views';
import type { AppStore, DesktopPanel } from '../../store/app-store';
import { OfflineBanner } from './OfflineBanner';
import { LazySettingsPanel } from '../lazy-screens';
import { QuickSwitcher } from './QuickSwitcher';
import './desktop.css';

type Panel = DesktopPanel;

/** Menu commands act on the session's store and the window's (the two panels, the screen). */
export function runMenuCommand(command: MenuCommand, store: DeskStore, app: AppStore): void {
  const s = store.getState();
  switch (command) {
    case 'quick-switcher':
      return app.getState().setDesktopPanel('switcher');
    case 'settings':
      return app.getState().setDesktopPanel('settings');
    case 'new-conversation':
      app.getState().setScreen('inbox');
      return s.toggleNewConversation(true);
    case 'toggle-participants':
      return s.toggleParticipants();
    case 'next-conversation':
    case 'previous-conversation': {
      // The view on screen, read-only rows included: the next row opens as a click on it would.
      const next = adjacentConversation(selectViewSids(s), conversationInFocus(s), command === 'next-conversation' ? 1 : -1);
      if (next) openInboxRow(store, next);
      return;
    }
  }
}

export function DesktopLayer() {
  useDesktopReports();
  useDesktopEvents();
  const panel = useAppStore((s) => s.desktopPanel);
  const setPanel = useAppStore((s) => s.setDesktopPanel);
  const app = useAppStoreApi();
  const store = useDeskStoreApi();
  const close = useCallback(() => setPanel(null), [setPanel]);

  useEffect(() => {
    if (!hasDesk()) return;
    return getDesk().onMenuCommand(({ command }) => runMenuCommand(command, store, app));
  }, [store, app]);

  // Ctrl/Cmd+K and Ctrl/Cmd+, also from the keyboard, for the browser build (no native menu). Opening is idempotent, so
  // the menu accelerator and this listener both firing does no harm.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      const panelFor: Record<string, Panel> = { k: 'switcher', ',': 'settings' };
      const target = panelFor[e.key.toLowerCase()];
      if (!target) return;
      e.preventDefault();
      setPanel(target);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setPanel]);

  // Alt+Down/Up walk the view in the browser build; in Electron the menu's accelerators do (both would step twice).
  useEffect(() => {
    if (hasDesk()) return;
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || e.defaultPrevented) return;
      const command = e.key === 'ArrowDown' ? 'next-conversation' : e.key === 'ArrowUp' ? 'previous-conversation' : null;
      if (!command) return;
      e.preventDefault();
      runMenuCommand(command, store, app);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, app]);

  return (
    <>
      <OfflineBanner />
      {panel === 'switcher' && <QuickSwitcher onClose={close} />}
      {panel === 'settings' && (
        <Suspense fallback={null}>
          <LazySettingsPanel onClose={close} />
        </Suspense>
      )}
    </>
  );
}
