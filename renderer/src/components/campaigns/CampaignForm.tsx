/** A new campaign: segment, channel, business number, the message (SMS text or WhatsApp template) and when. */
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { countSegments } from '../../../../shared/domain/sms-segments';
import type { CampaignChannel, CampaignOptions, CampaignSummary, CampaignVariable } from '../../../../shared/ipc/campaign-schema';
import { getDesk } from '../../platform/desk';
import { SegmentCounter } from '../composer/SegmentCounter';

const FIELDS = ['name', 'email', 'company'] as const;
const CHANNELS: readonly CampaignChannel[] = ['sms', 'whatsapp'];

export function CampaignForm({
  options,
  onCancel,
  onCreated,
  onPriceChanged,
}: {
  options: CampaignOptions | null;
  onCancel: () => void;
  onCreated: (summary: CampaignSummary) => void;
  onPriceChanged: (price: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [name, setName] = useState('');
  const [segmentId, setSegmentId] = useState('');
  const [channel, setChannel] = useState<CampaignChannel>('sms');
  const [from, setFrom] = useState('');
  const [body, setBody] = useState('');
  const [contentSid, setContentSid] = useState('');
  const [variables, setVariables] = useState<Record<string, CampaignVariable>>({});
  const [when, setWhen] = useState<'now' | 'later'>('now');
  const [sendAt, setSendAt] = useState('');
  const [price, setPrice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);

  const numbers = options ? (channel === 'sms' ? options.numbers.sms : options.numbers.whatsapp) : [];
  const chosenFrom = from || numbers[0]?.number || '';
  const segment = options?.segments.find((s) => s.id === segmentId) ?? null;
  // Who the campaign reaches is the segment's people with an address on this channel, not all of them.
  const reach = segment ? segment.channels[channel] : 0;
  const missing = segment ? Math.max(0, segment.count - reach) : 0;
  // An empty segment (everyone opted out) is the server's error to give; this is about the channel.
  const nobody = segment !== null && segment.count > 0 && reach === 0;
  // A CSV's rows are addresses, not people: its hint counts rows.
  const missingKey = segment?.kind === 'csv' ? 'missingRowsOnChannel' : 'missingOnChannel';
  const count = useMemo(() => countSegments(body), [body]);
  const perSegment = price !== null && price !== '' && Number.isFinite(Number(price)) ? Number(price) : (options?.pricePerSegmentUsd ?? 0);
  const template = options?.templates.find((x) => x.sid === contentSid) ?? null;
  const money = (usd: number) => new Intl.NumberFormat(i18n.language, { style: 'currency', currency: 'USD', maximumFractionDigits: 4 }).format(usd);

  const variableOf = (key: string): CampaignVariable => variables[key] ?? { source: 'field', value: key === '1' ? 'name' : 'company' };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    setErrors({});
    const message =
      channel === 'sms'
        ? ({ kind: 'text', body } as const)
        : ({ kind: 'template', contentSid, variables: Object.fromEntries(Object.keys(template?.variables ?? {}).map((k) => [k, variableOf(k)])) } as const);
    const r = await getDesk().createCampaign({
      name,
      segmentId,
      channel,
      from: chosenFrom,
      message,
      sendAt: when === 'later' && sendAt ? new Date(sendAt).getTime() : null,
    });
    setBusy(false);
    if (r.ok) onCreated(r.value);
    else {
      setProblem(r.error.message);
      setErrors(r.error.fields ?? {});
    }
  };

  const savePrice = () => {
    if (price === null || price === '' || !Number.isFinite(Number(price)) || Number(price) < 0) return;
    void getDesk()
      .setCampaignPrice({ pricePerSegmentUsd: Number(price) })
      .then((r) => r.ok && onPriceChanged(r.value.pricePerSegmentUsd));
  };

  if (!options) return <p className="tool-empty">{t('campaigns.loading')}</p>;

  return (
    <form className="campaign-form" aria-label={t('campaigns.newTitle')} onSubmit={(e) => void submit(e)}>
      <h2>{t('campaigns.newTitle')}</h2>
      <label htmlFor={`${id}-name`}>{t('campaigns.name')}</label>
      <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} maxLength={100} aria-invalid={errors.name ? true : undefined} />
      {errors.name && <span className="field-error">{errors.name}</span>}

      <label htmlFor={`${id}-segment`}>{t('campaigns.segment')}</label>
      <select id={`${id}-segment`} value={segmentId} onChange={(e) => setSegmentId(e.target.value)} aria-describedby={nobody || missing > 0 ? `${id}-reach` : undefined}>
        <option value="">{t('campaigns.chooseSegment')}</option>
        {options.segments.map((s) => (
          <option key={s.id} value={s.id}>
            {t('campaigns.segmentOption', { name: s.name, count: s.count })}
          </option>
        ))}
      </select>
      {options.segments.length === 0 && <span className="field-hint">{t('campaigns.noSegments')}</span>}
      {/* Announced when the channel or segment changes it (and Start may turn off with it). */}
      <span id={`${id}-reach`} role="status" className={nobody ? 'field-error' : 'field-hint'} hidden={!nobody && missing === 0}>
        {nobody ? t(`campaigns.noneOnChannel.${channel}`) : missing > 0 ? t(`campaigns.${missingKey}.${channel}`, { count: missing, total: segment?.count ?? 0 }) : ''}
      </span>
      {errors.segmentId && <span className="field-error">{errors.segmentId}</span>}

      <fieldset className="campaign-channel">
        <legend>{t('campaigns.channelLabel')}</legend>
        {CHANNELS.map((c) => (
          <label key={c}>
            <input
              type="radio"
              name={`${id}-channel`}
              checked={channel === c}
              onChange={() => {
                setChannel(c);
                setFrom('');
              }}
            />
            {t(`campaigns.channel.${c}`)}
          </label>
        ))}
      </fieldset>

      <label htmlFor={`${id}-from`}>{t('campaigns.from')}</label>
      <select id={`${id}-from`} value={chosenFrom} onChange={(e) => setFrom(e.target.value)}>
        {numbers.map((n) => (
          <option key={n.number} value={n.number}>
            {n.friendlyName ? `${n.number} (${n.friendlyName})` : n.number}
          </option>
        ))}
      </select>

      {channel === 'sms' ? (
        <>
          <label htmlFor={`${id}-body`}>{t('campaigns.message')}</label>
          <textarea id={`${id}-body`} value={body} onChange={(e) => setBody(e.target.value)} rows={4} aria-describedby={`${id}-count ${id}-cost`} />
          {body !== '' && <SegmentCounter count={count} id={`${id}-count`} />}
          <p id={`${id}-cost`} className="campaign-cost">
            {t('campaigns.cost', {
              total: money(reach * count.segments * perSegment),
              recipients: reach,
              segments: count.segments,
              price: money(perSegment),
            })}
          </p>
          <label htmlFor={`${id}-price`}>{t('campaigns.price')}</label>
          <input id={`${id}-price`} type="number" min={0} step={0.0001} value={price ?? String(options.pricePerSegmentUsd)} onChange={(e) => setPrice(e.target.value)} onBlur={savePrice} />
        </>
      ) : (
        <>
          <label htmlFor={`${id}-template`}>{t('campaigns.template')}</label>
          <select id={`${id}-template`} value={contentSid} onChange={(e) => setContentSid(e.target.value)}>
            <option value="">{t('campaigns.chooseTemplate')}</option>
            {options.templates.map((x) => (
              <option key={x.sid} value={x.sid} disabled={x.whatsapp !== 'approved'}>
                {x.whatsapp === 'approved' ? x.name : t('campaigns.templateNotApproved', { name: x.name })}
              </option>
            ))}
          </select>
          <span className="field-hint">{t('campaigns.templateWhy')}</span>
          {template && (
            <>
              <p className="campaign-preview">{template.body}</p>
              {Object.keys(template.variables).map((key) => {
                const v = variableOf(key);
                return (
                  <div key={key} className="campaign-variable">
                    <label htmlFor={`${id}-var-${key}`}>{t('campaigns.variable', { key })}</label>
                    <select
                      id={`${id}-var-${key}`}
                      value={v.source === 'field' ? v.value : '__text'}
                      onChange={(e) => setVariables((all) => ({ ...all, [key]: e.target.value === '__text' ? { source: 'text', value: '' } : { source: 'field', value: e.target.value } }))}
                    >
                      {FIELDS.map((f) => (
                        <option key={f} value={f}>
                          {t(`campaigns.field.${f}`)}
                        </option>
                      ))}
                      <option value="__text">{t('campaigns.field.text')}</option>
                    </select>
                    {v.source === 'text' && (
                      <input aria-label={t('campaigns.variableText', { key })} value={v.value} onChange={(e) => setVariables((all) => ({ ...all, [key]: { source: 'text', value: e.target.value } }))} />
                    )}
                  </div>
                );
              })}
            </>
          )}
        </>
      )}

      <fieldset className="campaign-when">
        <legend>{t('campaigns.when')}</legend>
        <label>
          <input type="radio" name={`${id}-when`} checked={when === 'now'} onChange={() => setWhen('now')} />
          {t('campaigns.now')}
        </label>
        <label>
          <input type="radio" name={`${id}-when`} checked={when === 'later'} onChange={() => setWhen('later')} />
          {t('campaigns.later')}
        </label>
        {when === 'later' && <input type="datetime-local" aria-label={t('campaigns.sendAt')} value={sendAt} onChange={(e) => setSendAt(e.target.value)} />}
      </fieldset>

      {problem && (
        <p role="alert" className="campaign-error">
          {problem}
        </p>
      )}
      <div className="campaign-actions">
        <button type="submit" className="primary" disabled={busy || nobody || (channel === 'whatsapp' && !template) || (when === 'later' && !sendAt)}>
          {when === 'later' ? t('campaigns.schedule') : t('campaigns.start')}
        </button>
        <button type="button" className="ghost" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
