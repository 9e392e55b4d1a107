/** One campaign's line: status, a progress bar, sent / delivered / failed, ETA and its controls. */
import { useTranslation } from 'react-i18next';
import type { CampaignSummary } from '../../../../shared/ipc/campaign-schema';

export function CampaignProgress({ campaign: c, onControl, onResults }: { campaign: CampaignSummary; onControl: (action: 'pause' | 'resume' | 'cancel') => void; onResults: () => void }) {
  const { t, i18n } = useTranslation();
  const finished = Math.min(c.total, c.done);
  const eta = c.etaMs !== null ? Math.max(1, Math.round(c.etaMs / 1000)) : null;
  return (
    <div className="campaign-progress">
      <div className="campaign-head">
        <h2>{c.name}</h2>
        <span className={`campaign-status status-${c.status}`}>{t(`campaigns.status.${c.status}`)}</span>
      </div>
      <p className="campaign-meta">
        {t('campaigns.meta', { segment: c.segmentName, channel: t(`campaigns.channel.${c.channel}`), from: c.from, count: c.total })}
        {c.status === 'scheduled' && c.sendAt !== null && <> · {t('campaigns.scheduledFor', { when: new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(c.sendAt) })}</>}
      </p>
      <div
        role="progressbar"
        aria-label={t('campaigns.progressLabel', { name: c.name })}
        aria-valuemin={0}
        aria-valuemax={c.total}
        aria-valuenow={finished}
        aria-valuetext={t('campaigns.progressText', { done: finished, total: c.total })}
        className="campaign-bar"
      >
        <div className="campaign-bar-fill" style={{ width: `${c.total ? (finished / c.total) * 100 : 0}%` }} />
      </div>
      <p className="campaign-counts">
        <span>{t('campaigns.sent', { count: c.sent })}</span>
        <span>{t('campaigns.delivered', { count: c.delivered })}</span>
        <span>{t('campaigns.failed', { count: c.failed })}</span>
        {c.skipped > 0 && <span>{t('campaigns.skipped', { count: c.skipped })}</span>}
        {c.status === 'sending' && eta !== null && <span>{t('campaigns.eta', { seconds: eta })}</span>}
      </p>
      <div className="campaign-actions">
        {(c.status === 'sending' || c.status === 'scheduled') && (
          <button type="button" onClick={() => onControl('pause')}>
            {t('campaigns.pause')}
          </button>
        )}
        {c.status === 'paused' && (
          <button type="button" onClick={() => onControl('resume')}>
            {t('campaigns.resume')}
          </button>
        )}
        {c.status !== 'completed' && c.status !== 'cancelled' && (
          <button type="button" className="danger" onClick={() => onControl('cancel')}>
            {t('campaigns.cancel')}
          </button>
        )}
        <button type="button" className="ghost" onClick={onResults}>
          {t('campaigns.results')}
        </button>
      </div>
    </div>
  );
}

