/**
 * The analytics tool: the team's figures over a date range, computed by main from Twilio's REST
 * data (bridge analyticsReport). Main answers from its cache at once and reads what changed in the
 * background; `analytics:changed` says when that read ends, and the report is asked for again.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnalyticsReport, DurationGroups } from '../../../../shared/ipc/analytics-schema';
import { getDesk } from '../../platform/desk';
import { ToolScreen } from '../tools/ToolScreen';
import {
  agentLabel,
  backlogTable,
  campaignTable,
  channelLabel,
  channelsShown,
  conversationsTable,
  dayBoundaries,
  durationCsv,
  durationTable,
  formatDuration,
  formatNumber,
  lastDays,
  messagesTable,
} from './analytics-format';
import { BarList, type Bar } from './BarList';
import { ChartCard } from './ChartCard';
import { DayChart, type DaySeries } from './DayChart';
import './analytics.css';

const PRESETS = [7, 30, 90] as const;
type Shown = { state: 'loading' } | { state: 'ready'; report: AnalyticsReport } | { state: 'failed'; message: string };

export function AnalyticsScreen() {
  const { t } = useTranslation();
  const [range, setRange] = useState(() => lastDays(30));
  const [shown, setShown] = useState<Shown>({ state: 'loading' });
  const [asked, setAsked] = useState(0);
  const [refresh, setRefresh] = useState(false);
  const days = useMemo(() => dayBoundaries(range.from, range.to), [range]);

  useEffect(() => getDesk().onAnalyticsChanged(() => setAsked((n) => n + 1)), []);

  useEffect(() => {
    if (!days) return;
    let live = true;
    Promise.resolve()
      .then(() => getDesk().analyticsReport({ days, refresh }))
      .then((r) => {
        if (!live) return;
        setShown(r.ok ? { state: 'ready', report: r.value } : { state: 'failed', message: r.error.message });
        setRefresh(false);
      })
      .catch((e: unknown) => live && setShown({ state: 'failed', message: e instanceof Error ? e.message : String(e) }));
    return () => {
      live = false;
    };
  }, [days, asked, refresh]);

  const preset = PRESETS.find((n) => {
    const p = lastDays(n);
    return p.from === range.from && p.to === range.to;
  });
  const report = shown.state === 'ready' ? shown.report : null;
  const busy = report?.status.refreshing ?? shown.state === 'loading';

  return (
    <ToolScreen
      tool="analytics"
      actions={
        <button type="button" className="ghost" disabled={busy} onClick={() => setRefresh(true)}>
          {busy ? t('analytics.refreshing') : t('analytics.refresh')}
        </button>
      }
    >
      <form className="analytics-range" aria-label={t('analytics.range')} onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('analytics.period')}
          <select
            value={preset ?? 'custom'}
            onChange={(e) => {
              if (e.target.value !== 'custom') setRange(lastDays(Number(e.target.value)));
            }}
          >
            {PRESETS.map((n) => (
              <option key={n} value={n}>
                {t('analytics.lastDays', { count: n })}
              </option>
            ))}
            <option value="custom">{t('analytics.custom')}</option>
          </select>
        </label>
        <label>
          {t('analytics.from')}
          <input type="date" value={range.from} max={range.to} required onChange={(e) => e.target.value && setRange((r) => ({ ...r, from: e.target.value }))} />
        </label>
        <label>
          {t('analytics.to')}
          <input type="date" value={range.to} min={range.from} required onChange={(e) => e.target.value && setRange((r) => ({ ...r, to: e.target.value }))} />
        </label>
        {!days && <p className="inline-error">{t('analytics.badRange')}</p>}
      </form>
      <p className="analytics-status" role="status">
        {shown.state === 'failed'
          ? t('analytics.failed', { reason: shown.message })
          : !report
            ? t('analytics.loading')
            : !report.status.complete
              ? t('analytics.firstRead', { count: report.status.conversations })
              : t('analytics.readFrom', { conversations: formatNumber(report.status.conversations), messages: formatNumber(report.status.messages) })}
      </p>
      {report?.status.error && <p className="inline-error">{t('analytics.failed', { reason: report.status.error })}</p>}
      {report && <Charts report={report} />}
    </ToolScreen>
  );
}

function Charts({ report }: { report: AnalyticsReport }) {
  const { t } = useTranslation();
  const channels = channelsShown(report);
  // The React compiler keeps these (and so the charts) until the report or the language changes.
  const opened: DaySeries[] = channels.map((c) => ({ label: t(`analytics.channel.${c}`), color: channelColor(c), values: report.opened[c] }));
  const resolved: DaySeries[] = channels.map((c) => ({ label: t(`analytics.channel.${c}`), color: channelColor(c), values: report.resolved[c] }));
  const backlog: DaySeries[] = useMemo(
    () => [
      { label: t('analytics.view.unassigned'), color: '--danger', values: report.backlog.unassigned },
      { label: t('analytics.view.mine'), color: '--accent', values: report.backlog.mine },
      { label: t('analytics.view.snoozed'), color: '--mixed', values: report.backlog.snoozed },
    ],
    [report, t],
  );
  const messages: DaySeries[] = useMemo(
    () => [
      { label: t('analytics.inbound'), color: '--accent', values: report.messages.inbound },
      { label: t('analytics.outbound'), color: '--ok', values: report.messages.outbound },
    ],
    [report, t],
  );
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const total = (per: Record<string, number[]>) => formatNumber(channels.reduce((n, c) => n + sum(per[c] ?? []), 0));

  return (
    <div className="analytics-grid">
      <ChartCard id="opened" title={t('analytics.opened')} summary={t('analytics.openedSummary', { opened: total(report.opened), resolved: total(report.resolved) })} table={conversationsTable(report)}>
        <DayChart xLabel={t('analytics.day')} days={report.days} series={opened} label={t('analytics.opened')} />
      </ChartCard>
      <ChartCard id="resolved" title={t('analytics.resolved')} table={conversationsTable(report)}>
        <DayChart xLabel={t('analytics.day')} days={report.days} series={resolved} label={t('analytics.resolved')} />
      </ChartCard>
      <ChartCard id="backlog" title={t('analytics.backlog')} table={backlogTable(report)}>
        <DayChart xLabel={t('analytics.day')} days={report.days} series={backlog} label={t('analytics.backlog')} />
      </ChartCard>
      <ChartCard
        id="messages"
        title={t('analytics.messages')}
        summary={t('analytics.messagesSummary', { inbound: formatNumber(sum(report.messages.inbound)), outbound: formatNumber(sum(report.messages.outbound)) })}
        table={messagesTable(report)}
      >
        <DayChart xLabel={t('analytics.day')} days={report.days} series={messages} label={t('analytics.messages')} />
      </ChartCard>
      <Durations id="first-response" title={t('analytics.firstResponse')} groups={report.firstResponse} extra={t('analytics.unanswered', { count: report.unanswered })} />
      <Durations id="resolution" title={t('analytics.resolution')} groups={report.resolution} />
      <ChartCard id="campaigns" title={t('analytics.campaigns')} table={campaignTable(report)}>
        {report.campaigns.length === 0 ? (
          <p className="analytics-summary">{t('analytics.noCampaigns')}</p>
        ) : (
          <BarList
            label={t('analytics.campaigns')}
            bars={report.campaigns.map((c) => ({
              label: c.name || c.id,
              values: (['sent', 'delivered', 'replied', 'failed'] as const).map((k) => ({
                name: t(`analytics.funnel.${k}`),
                value: c[k],
                text: formatNumber(c[k]),
                color: k === 'failed' ? '--danger' : k === 'replied' ? '--ok' : k === 'delivered' ? '--chat' : '--text-muted',
              })),
            }))}
          />
        )}
      </ChartCard>
    </div>
  );
}

const channelColor = (c: string) => `--${c === 'unknown' ? 'mixed' : c}`;

function Durations({ id, title, groups, extra }: { id: string; title: string; groups: DurationGroups; extra?: string }) {
  const { t } = useTranslation();
  const bars = (stats: DurationGroups['byChannel'], label: (k: string) => string): Bar[] =>
    stats.map((s) => ({
      label: label(s.key),
      values: [
        { name: t('analytics.median'), value: s.median ?? 0, text: formatDuration(s.median), color: '--accent' },
        { name: t('analytics.p90'), value: s.p90 ?? 0, text: formatDuration(s.p90), color: '--mixed' },
      ],
    }));
  const summary = [t('analytics.durationSummary', { count: groups.all.count, median: formatDuration(groups.all.median), p90: formatDuration(groups.all.p90) }), extra].filter(Boolean).join(' ');
  return (
    <>
      <ChartCard
        id={`${id}-channel`}
        title={t('analytics.byChannel', { metric: title })}
        summary={summary}
        table={durationTable(groups.byChannel, t('analytics.channelHead'), channelLabel)}
        csv={durationCsv(groups.byChannel, t('analytics.channelHead'), channelLabel)}
      >
        <BarList label={t('analytics.byChannel', { metric: title })} bars={bars(groups.byChannel, channelLabel)} />
      </ChartCard>
      <ChartCard
        id={`${id}-agent`}
        title={t('analytics.byAgent', { metric: title })}
        table={durationTable(groups.byAgent, t('analytics.agentHead'), agentLabel)}
        csv={durationCsv(groups.byAgent, t('analytics.agentHead'), agentLabel)}
      >
        <BarList label={t('analytics.byAgent', { metric: title })} bars={bars(groups.byAgent.slice(0, 12), agentLabel)} />
      </ChartCard>
    </>
  );
}
