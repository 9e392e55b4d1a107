/**
 * Everything the desktop shell adds to the window: the offline banner, reports to main (badge,
 * notifications), deep links and menu commands, the quick switcher and the settings panel.
 */
import { useCallback, useEffect } from 'react';
import type { MenuCommand } from '../../../../shared/ipc/contract';
import { adjacentConversation } from '../../desktop/navigation';
import { useDesktopEvents } from '../../hooks/useDesktopEvents';
import { useDesktopReports } from '../../hooks/useDesktopReports';
import { getDesk, hasDesk } from '../../platform/desk';
import { useDeskStore } from '../../store';
import { selectInboxSids } from '../../store/selectors';
import type { DesktopPanel } from '../../store/ui-slice';
import { OfflineBanner } from './OfflineBanner';
import { QuickSwitcher } from './QuickSwitcher';
import { SettingsPanel } from './SettingsPanel';
import './desktop.css';

type Panel = DesktopPanel;

/** Menu commands act on the store, the two panels included (the inbox has a Settings button too). */
export function runMenuCommand(command: MenuCommand, openPanel: (panel: Panel) => void): void {
  const s = useDeskStore.getState();
  switch (command) {
    case 'quick-switcher':
      return openPanel('switcher');
    case 'settings':
      return openPanel('settings');
    case 'new-conversation':
      s.setScreen('inbox');
      return s.toggleNewConversation(true);
    case 'toggle-participants':
      return s.toggleParticipants();
    case 'next-conversation':
    case 'previous-conversation': {
      const next = adjacentConversation(selectInboxSids(s), s.selectedSid, command === 'next-conversation' ? 1 : -1);
      if (next) s.select(next);
      return;
    }
  }
}

export function DesktopLayer() {
  useDesktopReports();
  useDesktopEvents();
  const panel = useDeskStore((s) => s.desktopPanel);
  const setPanel = useDeskStore((s) => s.setDesktopPanel);
  const close = useCallback(() => setPanel(null), [setPanel]);

  useEffect(() => {
    if (!hasDesk()) return;
    return getDesk().onMenuCommand(({ command }) => runMenuCommand(command, setPanel));
  }, [setPanel]);

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

  return (
    <>
      <OfflineBanner />
      {panel === 'switcher' && <QuickSwitcher onClose={close} />}
      {panel === 'settings' && <SettingsPanel onClose={close} />}
    </>
  );
}
