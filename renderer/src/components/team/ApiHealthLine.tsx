/**
 * Settings' "API health" line: how the desk's REST client is faring with Twilio (main's shared
 * client, bridge apiHealth), asked again every few seconds while Settings is open.
 */
import { useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ApiHealth } from '../../../../shared/ipc/team-schema';
import { getDesk } from '../../platform/desk';
import './team.css';

export const HEALTH_POLL_MS = 5_000;

type Shown = { state: 'loading' } | { state: 'ready'; health: ApiHealth } | { state: 'failed'; message: string };

export function ApiHealthLine() {
  const { t } = useTranslation();
  const [shown, setShown] = useState<Shown>({ state: 'loading' });

  useEffect(() => {
    let live = true;
    // A bridge that cannot answer (or lacks the call) is a failure to show, never an uncaught error.
    const ask = () =>
      Promise.resolve()
        .then(() => getDesk().apiHealth())
        .then((r) => {
          if (live) setShown(r.ok ? { state: 'ready', health: r.value } : { state: 'failed', message: r.error.message });
        })
        .catch((e: unknown) => {
          if (live) setShown({ state: 'failed', message: e instanceof Error ? e.message : String(e) });
        });
    void ask();
    const timer = setInterval(() => void ask(), HEALTH_POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);

  return (
    <fieldset className="api-health">
      <legend>{t('apiHealth.legend')}</legend>
      <p className="setting-hint">{t('apiHealth.hint')}</p>
      <p className="api-health-line">
        {shown.state === 'loading' ? t('apiHealth.loading') : shown.state === 'failed' ? t('apiHealth.failed', { reason: shown.message }) : describe(t, shown.health)}
      </p>
      {shown.state === 'ready' && shown.health.lastError && <p className="inline-error">{t('apiHealth.lastError', { reason: shown.health.lastError })}</p>}
    </fieldset>
  );
}

type T = TFunction;

/** One sentence, or "no requests yet" before the first call. */
function describe(t: T, h: ApiHealth): string {
  if (h.requestsPerMinute === 0 && h.medianDurationMs === null && h.throttledLastHour === 0) return t('apiHealth.noData', { limit: h.concurrencyLimit });
  const parts = [
    t('apiHealth.perMinute', { count: h.requestsPerMinute }),
    t('apiHealth.throttled', { count: h.throttledLastHour }),
    h.medianDurationMs === null ? t('apiHealth.noMedian') : t('apiHealth.median', { ms: Math.round(h.medianDurationMs) }),
    h.concurrentRequests === null ? t('apiHealth.limit', { limit: h.concurrencyLimit }) : t('apiHealth.limitNow', { limit: h.concurrencyLimit, now: h.concurrentRequests }),
  ];
  return parts.join(' · ');
}
