import type { NewMessage } from '../../../shared/ipc/contract';

/**
 * What the renderer's desktop channels reach in main: the badge, notifications, deep links and
 * diagnostics. The Electron app passes the real integration; the browser harness (e2e,
 * dev:browser) passes `inertDesktop`, so the same handlers serve both.
 */
export interface DesktopPort {
  unreadChanged(total: number): void;
  newMessage(message: NewMessage): void;
  takePendingLink(): string | null;
  acknowledgeLink(conversationSid: string): void;
  exportDiagnostics(): Promise<{ saved: boolean; path: string | null }>;
}

export const inertDesktop: DesktopPort = {
  unreadChanged: () => {},
  newMessage: () => {},
  takePendingLink: () => null,
  acknowledgeLink: () => {},
  exportDiagnostics: async () => ({ saved: false, path: null }),
};
