import type { NewMessage, Settings } from '../../../shared/ipc/contract';
import type { DeepLinkRouter } from './deep-link';
import type { DesktopPort } from './desktop-port';
import type { Notifier } from './notifier';

export interface DesktopIntegrationDeps {
  settings: () => Settings;
  notifier: Pick<Notifier, 'notify'>;
  showUnread: (total: number) => void;
  /** Flash the taskbar button / bounce the dock icon if the window is in the background. */
  requestAttention: () => void;
  deepLinks: Pick<DeepLinkRouter, 'takePending' | 'acknowledge'>;
  exportDiagnostics: DesktopPort['exportDiagnostics'];
  log?: (line: string) => void;
}

/** The renderer's desktop channels mapped onto the badge, notifier and attention request. */
export function createDesktopIntegration(deps: DesktopIntegrationDeps): DesktopPort {
  const log = deps.log ?? (() => {});
  return {
    unreadChanged: deps.showUnread,
    newMessage(message: NewMessage) {
      const outcome = deps.notifier.notify(message);
      if ('skipped' in outcome && outcome.skipped !== 'in-view') log(`notifications: skipped (${outcome.skipped})`);
      // Asking for attention follows the same quiet rules as notifications: muted conversations
      // and do-not-disturb never flash the taskbar.
      if (message.muted || deps.settings().doNotDisturb) return;
      deps.requestAttention();
    },
    takePendingLink: () => deps.deepLinks.takePending(),
    acknowledgeLink: (sid) => deps.deepLinks.acknowledge(sid),
    exportDiagnostics: () => deps.exportDiagnostics(),
  };
}
