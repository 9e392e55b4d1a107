/** The Local workspace's last 50 webhook deliveries (the emulator keeps them); Twilio keeps its own in the Console. */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebhookDelivery } from '../../../../shared/ipc/webhook-schema';
import { getDesk } from '../../platform/desk';
import { formatListTime } from '../common/format';

export function WebhookDeliveries({ local }: { local: boolean }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<WebhookDelivery[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const show = useCallback((r: Awaited<ReturnType<ReturnType<typeof getDesk>['webhookDeliveries']>>) => {
    if (r.ok) {
      setRows(r.value.deliveries);
      setError(null);
    } else setError(r.error.message);
  }, []);
  const load = () => void getDesk().webhookDeliveries().then(show);

  useEffect(() => {
    if (local) void getDesk().webhookDeliveries().then(show);
  }, [local, show]);

  return (
    <section className="webhooks-card" aria-labelledby="webhooks-deliveries">
      <div className="webhooks-heading">
        <h2 id="webhooks-deliveries">{t('webhooks.deliveries')}</h2>
        {local && (
          <button type="button" className="ghost" onClick={load}>
            {t('webhooks.refresh')}
          </button>
        )}
      </div>
      {!local && <p className="webhooks-hint">{t('webhooks.deliveriesTwilio')}</p>}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {local && rows?.length === 0 && <p className="tool-empty">{t('webhooks.noDeliveries')}</p>}
      {local && rows && rows.length > 0 && (
        <table className="webhooks-table">
          <thead>
            <tr>
              <th scope="col">{t('webhooks.col.event')}</th>
              <th scope="col">{t('webhooks.col.url')}</th>
              <th scope="col">{t('webhooks.col.status')}</th>
              <th scope="col">{t('webhooks.col.attempts')}</th>
              <th scope="col">{t('webhooks.col.time')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => (
              <tr key={d.id}>
                <td>{d.eventType}</td>
                <td className="webhooks-cell-url" title={d.url}>
                  {d.url}
                </td>
                <td className={`webhooks-state ${d.state}`} title={d.error ?? undefined}>
                  {t(`webhooks.state.${d.state}`, { status: d.status ?? '—' })}
                </td>
                <td>{d.attempts}</td>
                <td>{formatListTime(Date.parse(d.dateUpdated))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
