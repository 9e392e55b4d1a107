/**
 * Screens, dialogs and panels that are not the inbox load as chunks of their own: the first
 * screen then waits only for the code it shows (docs/benchmarks.md, "warm launch"). Every chunk
 * is fetched and compiled in an idle moment after the first paint (`preloadLazyScreens`), so a
 * shortcut or a menu opens a tool as fast as before; until a chunk is there, a tool screen shows
 * its frame (title, tabs, Escape) with a loading line, and a dialog or panel shows a frame later.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { afterPaint } from '../sdk/after-paint';
import type { ToolScreen as Tool } from '../store/app-store';
import { ToolScreen } from './tools/ToolScreen';

const loaders = {
  accounts: () => import('./accounts/AccountsScreen').then((m) => ({ default: m.AccountsScreen })),
  segments: () => import('./segments/SegmentsScreen').then((m) => ({ default: m.SegmentsScreen })),
  campaigns: () => import('./campaigns/CampaignsScreen').then((m) => ({ default: m.CampaignsScreen })),
  analytics: () => import('./analytics/AnalyticsScreen').then((m) => ({ default: m.AnalyticsScreen })),
  webhooks: () => import('./webhooks/WebhooksScreen').then((m) => ({ default: m.WebhooksScreen })),
  newConversation: () => import('./dialogs/NewConversationDialog').then((m) => ({ default: m.NewConversationDialog })),
  simulate: () => import('./simulate/SimulatePanel').then((m) => ({ default: m.SimulatePanel })),
  settings: () => import('./desktop/SettingsPanel').then((m) => ({ default: m.SettingsPanel })),
  customerProfile: () => import('./profile/CustomerProfilePanel').then((m) => ({ default: m.CustomerProfilePanel })),
};

export const LazyAccountsScreen = lazy(loaders.accounts);
export const LazySegmentsScreen = lazy(loaders.segments);
export const LazyCampaignsScreen = lazy(loaders.campaigns);
export const LazyAnalyticsScreen = lazy(loaders.analytics);
export const LazyWebhooksScreen = lazy(loaders.webhooks);
export const LazyNewConversationDialog = lazy(loaders.newConversation);
export const LazySimulatePanel = lazy(loaders.simulate);
export const LazySettingsPanel = lazy(loaders.settings);
export const LazyCustomerProfilePanel = lazy(loaders.customerProfile);

function Loading() {
  const { t } = useTranslation();
  return (
    <p className="tool-empty" role="status">
      {t('tools.loading')}
    </p>
  );
}

/** A team tool: its frame at once, its body once its chunk is there. */
export function LazyTool({ tool, children }: { tool: Tool; children: ReactNode }) {
  return (
    <Suspense
      fallback={
        <ToolScreen tool={tool}>
          <Loading />
        </ToolScreen>
      }
    >
      {children}
    </Suspense>
  );
}

/** The accounts screen (before sign-in, or opened from the inbox), with a loading line meanwhile. */
export function LazyAccounts() {
  return (
    <Suspense
      fallback={
        <main className="tool-screen">
          <div className="tool-body">
            <Loading />
          </div>
        </main>
      }
    >
      <LazyAccountsScreen />
    </Suspense>
  );
}

let preloading: Promise<unknown> | null = null;

/** Fetches and compiles every chunk above once; safe to call again. */
export function preloadLazyScreens(): Promise<unknown> {
  preloading ??= Promise.all(Object.values(loaders).map((load) => load().catch(() => undefined)));
  return preloading;
}

/** After the first paint, in the first idle moment (or at the latest `timeoutMs` later), preload the chunks. */
export function preloadLazyScreensWhenIdle(timeoutMs = 3_000): void {
  const idle = () =>
    typeof requestIdleCallback === 'function' ? requestIdleCallback(() => void preloadLazyScreens(), { timeout: timeoutMs }) : setTimeout(() => void preloadLazyScreens(), 0);
  afterPaint(idle);
}
