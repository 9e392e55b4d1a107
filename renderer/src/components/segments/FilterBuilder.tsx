/**
 * A segment from a filter: every change asks main for the count and a preview (main counts in
 * memory over the customers it last read, so this follows typing); the preview list is virtualized.
 * Given a saved filter segment (`editing`), it starts from its conditions and name and saves them
 * back under the same id.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Virtuoso } from 'react-virtuoso';
import { issueText } from '../../../../shared/i18n/issue-text';
import {
  EMPTY_FILTER,
  segmentSaveFilterSchema,
  type SegmentFilter,
  type SegmentPreview,
  type SegmentSummary,
} from '../../../../shared/ipc/segment-schema';
import { getDesk } from '../../platform/desk';
import { ChannelBadge } from '../common/ChannelBadge';
import { formatClock, formatListTime } from '../common/format';

const DEBOUNCE_MS = 120;
const DAY = 86_400_000;

/** `<input type="date">` value ↔ epoch ms at the start (after) or end (before) of that local day. */
const toDay = (ms: number | null): string => {
  if (ms === null) return '';
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
const fromDay = (value: string, end: boolean): number | null => {
  const [y, m, d] = value.split('-').map(Number);
  if (!y || !m || !d) return null;
  const start = new Date(y, m - 1, d).getTime();
  return end ? start + DAY - 1 : start;
};
const splitTags = (text: string) => [...new Set(text.split(',').map((s) => s.trim()).filter(Boolean))].slice(0, 20);

export function FilterBuilder({
  onSaved,
  editing = null,
  onCancel,
}: {
  onSaved: (items: SegmentSummary[]) => void;
  /** A saved filter segment whose conditions are being changed. */
  editing?: SegmentSummary | null;
  onCancel?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [filter, setFilter] = useState<SegmentFilter>(editing?.filter ?? EMPTY_FILTER);
  const [tagsText, setTagsText] = useState(() => (editing?.filter?.tags ?? []).join(', '));
  const [preview, setPreview] = useState<SegmentPreview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [name, setName] = useState(editing?.name ?? '');
  const [nameError, setNameError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [refreshing, setRefreshing] = useState(false);
  const asked = useRef(0);

  const ask = async (f: SegmentFilter, refresh = false) => {
    const mine = ++asked.current;
    const r = await getDesk().previewSegment({ filter: f, ...(refresh ? { refresh } : {}) });
    // Only the newest question's answer is shown: an older, slower one never overwrites it.
    if (mine !== asked.current) return;
    if (r.ok) {
      setPreview(r.value);
      setProblem(null);
    } else setProblem(r.error.message);
  };

  useEffect(() => {
    const timer = setTimeout(() => void ask(filter), preview ? DEBOUNCE_MS : 0);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- asks again only when the filter changes
  }, [filter]);

  const patch = (p: Partial<SegmentFilter>) => setFilter((f) => ({ ...f, ...p }));

  const readAgain = async () => {
    setRefreshing(true);
    await ask(filter, true);
    setRefreshing(false);
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    // The same rules for a new segment and an edited one (main checks again, and the name's uniqueness).
    const parsed = segmentSaveFilterSchema.safeParse({ name, filter });
    if (!parsed.success) {
      setNameError(issueText(parsed.error.issues[0]?.message ?? '', t));
      return;
    }
    setBusy(true);
    const r = editing ? await getDesk().updateFilterSegment({ id: editing.id, ...parsed.data }) : await getDesk().saveFilterSegment(parsed.data);
    setBusy(false);
    if (!r.ok) {
      setNameError(r.error.fields?.name ?? r.error.message);
      return;
    }
    onSaved(r.value.items);
  };

  return (
    <div className="segment-builder">
      <form className="segment-form" aria-label={editing ? t('segments.editTitle') : t('segments.filterTitle')} onSubmit={(e) => void save(e)} noValidate>
        <h2>{editing ? t('segments.editTitle') : t('segments.filterTitle')}</h2>
        <label className="field">
          <span>{t('segments.channel')}</span>
          <select value={filter.channel} onChange={(e) => patch({ channel: e.target.value as SegmentFilter['channel'] })}>
            <option value="any">{t('segments.channelAny')}</option>
            <option value="sms">{t('segments.channelSms')}</option>
            <option value="whatsapp">{t('segments.channelWhatsapp')}</option>
          </select>
        </label>
        <label className="field">
          <span>{t('segments.tags')}</span>
          <input
            value={tagsText}
            placeholder={t('segments.tagsHint')}
            aria-describedby={`${id}-tags`}
            onChange={(e) => {
              setTagsText(e.target.value);
              patch({ tags: splitTags(e.target.value) });
            }}
          />
        </label>
        {preview && preview.tags.length > 0 && (
          <p className="setting-hint" id={`${id}-tags`}>
            {t('segments.tagsKnown', { tags: preview.tags.slice(0, 30).join(', ') })}
          </p>
        )}
        <label className="field">
          <span>{t('segments.tagMatch')}</span>
          <select value={filter.tagMatch} onChange={(e) => patch({ tagMatch: e.target.value as SegmentFilter['tagMatch'] })}>
            <option value="any">{t('segments.tagMatchAny')}</option>
            <option value="all">{t('segments.tagMatchAll')}</option>
          </select>
        </label>
        <div className="segment-dates">
          <label className="field">
            <span>{t('segments.after')}</span>
            <input type="date" value={toDay(filter.lastContactAfter)} onChange={(e) => patch({ lastContactAfter: fromDay(e.target.value, false) })} />
          </label>
          <label className="field">
            <span>{t('segments.before')}</span>
            <input type="date" value={toDay(filter.lastContactBefore)} onChange={(e) => patch({ lastContactBefore: fromDay(e.target.value, true) })} />
          </label>
        </div>
        <label className="field">
          <span>{t('segments.open')}</span>
          <select value={filter.openConversation} onChange={(e) => patch({ openConversation: e.target.value as SegmentFilter['openConversation'] })}>
            <option value="any">{t('segments.openAny')}</option>
            <option value="yes">{t('segments.openYes')}</option>
            <option value="no">{t('segments.openNo')}</option>
          </select>
        </label>
        <label className="field">
          <span>{t('segments.nameLabel')}</span>
          <input value={name} onChange={(e) => setName(e.target.value)} aria-invalid={nameError ? true : undefined} />
        </label>
        {nameError && (
          <p className="field-error" role="alert">
            {nameError}
          </p>
        )}
        {editing && <p className="setting-hint">{t('segments.editNote')}</p>}
        <div className="segment-form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('common.working') : editing ? t('segments.saveChanges') : t('segments.save')}
          </button>
          {onCancel && (
            <button type="button" onClick={onCancel}>
              {t('common.cancel')}
            </button>
          )}
        </div>
      </form>
      <section className="segment-preview" aria-label={t('segments.preview')}>
        {problem && (
          <p role="alert" className="field-error">
            {problem}
          </p>
        )}
        {preview ? (
          <>
            <p className="segment-match-count" role="status">
              {t('segments.liveCount', { count: preview.count.toLocaleString(i18n.language), total: preview.total.toLocaleString(i18n.language) })}
            </p>
            <p className="setting-hint">{t('segments.optedOutNote', { count: preview.optedOut })}</p>
            <p className="setting-hint segment-read">
              {t('segments.readAt', { time: formatClock(preview.refreshedAt) })}
              <button type="button" className="small" disabled={refreshing} onClick={() => void readAgain()}>
                {refreshing ? t('common.working') : t('segments.readAgain')}
              </button>
            </p>
            {preview.rows.length === 0 ? (
              <p className="tool-empty">{t('segments.previewEmpty')}</p>
            ) : (
              <Virtuoso
                className="segment-preview-list"
                data={preview.rows}
                computeItemKey={(_, row) => row.address}
                itemContent={(_, row) => (
                  <div className="segment-preview-row">
                    <ChannelBadge channel={row.channel} />
                    <span className="segment-preview-name">{row.name || row.address}</span>
                    <span className="segment-preview-address">{row.name ? row.address : ''}</span>
                    {row.open && <span className="segment-preview-open">{t('segments.openBadge')}</span>}
                    <span className="segment-preview-when">{row.lastContact ? formatListTime(row.lastContact) : t('segments.neverContacted')}</span>
                  </div>
                )}
              />
            )}
          </>
        ) : (
          !problem && <p className="tool-empty">{t('segments.reading')}</p>
        )}
      </section>
    </div>
  );
}
