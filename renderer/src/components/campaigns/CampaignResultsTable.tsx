/** One campaign's recipients: status, Twilio's error code and its explanation; export as CSV. */
import { useTranslation } from 'react-i18next';
import type { CampaignResult, CampaignResults } from '../../../../shared/ipc/campaign-schema';
import { deliveryReason } from '../thread/delivery-reasons';
import { resultsCsv } from './campaign-csv';

/** Rows drawn at once; the CSV has them all. */
const SHOWN = 500;

export function CampaignResultsTable({ results, onClose }: { results: CampaignResults; onClose: () => void }) {
  const { t } = useTranslation();
  const explain = (r: CampaignResult): string => {
    if (r.reason === 'emptyVariable') return t('campaigns.reason.emptyVariable');
    if (r.errorCode !== null) return deliveryReason(String(r.errorCode));
    return r.errorMessage ?? '';
  };
  const exportCsv = () => {
    const csv = resultsCsv(results.results, explain, [
      t('campaigns.column.address'),
      t('campaigns.column.name'),
      t('campaigns.column.status'),
      t('campaigns.column.code'),
      t('campaigns.column.explanation'),
      t('campaigns.column.conversation'),
      t('campaigns.column.message'),
    ]);
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${results.campaign.name.replace(/[^\w.-]+/g, '-')}-results.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  const rows = results.results.slice(0, SHOWN);
  return (
    <section className="campaign-results" aria-label={t('campaigns.resultsOf', { name: results.campaign.name })}>
      <div className="campaign-head">
        <h2>{t('campaigns.resultsOf', { name: results.campaign.name })}</h2>
        <button type="button" onClick={exportCsv}>
          {t('campaigns.exportCsv')}
        </button>
        <button type="button" className="ghost" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('campaigns.column.address')}</th>
            <th scope="col">{t('campaigns.column.name')}</th>
            <th scope="col">{t('campaigns.column.status')}</th>
            <th scope="col">{t('campaigns.column.code')}</th>
            <th scope="col">{t('campaigns.column.explanation')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.address}>
              <td>{r.address}</td>
              <td>{r.name}</td>
              <td>{t(`campaigns.recipient.${r.status}`)}</td>
              <td>{r.errorCode ?? ''}</td>
              <td>{explain(r)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {results.results.length > SHOWN && <p className="tool-empty">{t('campaigns.moreInCsv', { count: results.results.length - SHOWN })}</p>}
    </section>
  );
}
