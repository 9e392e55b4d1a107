/** The campaigns tool: the list with live progress, a new campaign, and one campaign's results. */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignOptions, CampaignResults, CampaignSummary } from '../../../../shared/ipc/campaign-schema';
import { getDesk } from '../../platform/desk';
import { ToolScreen } from '../tools/ToolScreen';
import { CampaignForm } from './CampaignForm';
import { CampaignProgress } from './CampaignProgress';
import { CampaignResultsTable } from './CampaignResultsTable';
import './campaigns.css';

export function CampaignsScreen() {
  const { t } = useTranslation();
  const [campaigns, setCampaigns] = useState<CampaignSummary[] | null>(null);
  const [options, setOptions] = useState<CampaignOptions | null>(null);
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const [results, setResults] = useState<CampaignResults | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void getDesk()
      .listCampaigns()
      .then((r) => {
        if (!live) return;
        if (r.ok) setCampaigns(r.value);
        else setError(r.error.message);
      });
    const off = getDesk().onCampaignProgress((summary) => {
      setCampaigns((list) => {
        const rest = (list ?? []).filter((c) => c.id !== summary.id);
        return [summary, ...rest].sort((a, b) => b.createdAt - a.createdAt);
      });
    });
    return () => {
      live = false;
      off();
    };
  }, []);

  const loadOptions = useCallback(() => {
    void getDesk()
      .campaignOptions()
      .then((r) => (r.ok ? setOptions(r.value) : setError(r.error.message)));
  }, []);

  const openResults = useCallback((id: string) => {
    setOpen(id);
    void getDesk()
      .campaignResults({ id })
      .then((r) => (r.ok ? setResults(r.value) : setError(r.error.message)));
  }, []);

  // The open results follow the campaign's progress (read again at most every 2 s).
  const openSummary = campaigns?.find((c) => c.id === open) ?? null;
  useEffect(() => {
    if (!open || !openSummary) return;
    const timer = setTimeout(() => openResults(open), 2000);
    return () => clearTimeout(timer);
  }, [open, openSummary, openResults]);

  const control = (id: string, action: 'pause' | 'resume' | 'cancel') => {
    void getDesk()
      .controlCampaign({ id, action })
      .then((r) => {
        if (!r.ok) setError(r.error.message);
        else setCampaigns((list) => (list ?? []).map((c) => (c.id === id ? r.value : c)));
      });
  };

  return (
    <ToolScreen
      tool="campaigns"
      actions={
        !creating && (
          <button
            type="button"
            className="primary"
            onClick={() => {
              setCreating(true);
              loadOptions();
            }}
          >
            {t('campaigns.new')}
          </button>
        )
      }
    >
      {error && (
        <p role="alert" className="campaign-error">
          {error}
        </p>
      )}
      {creating && (
        <CampaignForm
          options={options}
          onCancel={() => setCreating(false)}
          onCreated={(summary) => {
            setCreating(false);
            setCampaigns((list) => [summary, ...(list ?? []).filter((c) => c.id !== summary.id)]);
          }}
          onPriceChanged={(price) => setOptions((o) => (o ? { ...o, pricePerSegmentUsd: price } : o))}
        />
      )}
      {campaigns === null ? (
        <p className="tool-empty">{t('campaigns.loading')}</p>
      ) : campaigns.length === 0 && !creating ? (
        <p className="tool-empty">{t('campaigns.none')}</p>
      ) : (
        <ul className="campaign-list" aria-label={t('campaigns.listLabel')}>
          {campaigns.map((c) => (
            <li key={c.id} className="campaign-card" aria-label={c.name}>
              <CampaignProgress campaign={c} onControl={(action) => control(c.id, action)} onResults={() => openResults(c.id)} />
            </li>
          ))}
        </ul>
      )}
      {open && results && results.campaign.id === open && <CampaignResultsTable results={results} onClose={() => setOpen(null)} />}
    </ToolScreen>
  );
}
