/** The saved segments as a table, with edit (filter segments), rename and delete (confirmed). */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { issueText } from '../../../../shared/i18n/issue-text';
import { segmentRenameSchema, type SegmentSummary } from '../../../../shared/ipc/segment-schema';
import { getDesk } from '../../platform/desk';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { Dialog } from '../common/Dialog';
import { formatListTime } from '../common/format';

export function SegmentList({
  items,
  onChanged,
  onEdit,
}: {
  items: SegmentSummary[];
  onChanged: (items: SegmentSummary[]) => void;
  /** Opens a filter segment's conditions in the filter builder (a CSV segment's rows are not edited). */
  onEdit: (segment: SegmentSummary) => void;
}) {
  const { t } = useTranslation();
  const [renaming, setRenaming] = useState<SegmentSummary | null>(null);
  const [deleting, setDeleting] = useState<SegmentSummary | null>(null);

  if (items.length === 0) return <p className="tool-empty">{t('segments.empty')}</p>;
  return (
    <>
      <table className="segments-table">
        <thead>
          <tr>
            <th scope="col">{t('segments.colName')}</th>
            <th scope="col">{t('segments.colKind')}</th>
            <th scope="col" className="num">
              {t('segments.colCount')}
            </th>
            <th scope="col">{t('segments.colUpdated')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('segments.colActions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((s) => (
            <tr key={s.id}>
              <th scope="row">{s.name}</th>
              <td>{t(s.kind === 'filter' ? 'segments.kindFilter' : 'segments.kindCsv')}</td>
              <td className="num">
                <SegmentReach segment={s} />
              </td>
              <td>{formatListTime(s.updatedAt)}</td>
              <td className="segments-row-actions">
                {s.kind === 'filter' && s.filter && (
                  <button type="button" className="small" aria-label={t('segments.editNamed', { name: s.name })} onClick={() => onEdit(s)}>
                    {t('segments.edit')}
                  </button>
                )}
                <button type="button" className="small" aria-label={t('segments.renameNamed', { name: s.name })} onClick={() => setRenaming(s)}>
                  {t('segments.rename')}
                </button>
                <button type="button" className="small danger" aria-label={t('segments.deleteNamed', { name: s.name })} onClick={() => setDeleting(s)}>
                  {t('segments.delete')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {renaming && <RenameDialog segment={renaming} onClose={() => setRenaming(null)} onChanged={onChanged} />}
      {deleting && (
        <ConfirmDialog
          title={t('segments.deleteTitle')}
          message={t('segments.deleteMessage', { name: deleting.name })}
          confirmLabel={t('segments.delete')}
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            const r = await getDesk().removeSegment({ id: deleting.id });
            if (!r.ok) return r.error.message;
            onChanged(r.value.items);
            return null;
          }}
        />
      )}
    </>
  );
}

/**
 * The recipients, and of them how many a campaign reaches on each channel (a customer with both
 * counts on both). Seen compact; read out as a sentence, since "SMS 118" alone says little.
 */
function SegmentReach({ segment }: { segment: SegmentSummary }) {
  const { t } = useTranslation();
  const { count, channels } = segment;
  const csv = segment.kind === 'csv';
  const spoken = t('segments.reachSummary', {
    people: t(csv ? 'segments.reachRows' : 'segments.reachCustomers', { count }),
    sms: t(csv ? 'segments.reachCsvSms' : 'segments.reachSms', { count: channels.sms }),
    whatsapp: t(csv ? 'segments.reachCsvWhatsapp' : 'segments.reachWhatsapp', { count: channels.whatsapp }),
  });
  return (
    <>
      <span className="segment-reach" aria-hidden="true">
        {t('segments.reachCompact', { count, sms: channels.sms, whatsapp: channels.whatsapp })}
      </span>
      <span className="visually-hidden">{spoken}</span>
    </>
  );
}

function RenameDialog({ segment, onClose, onChanged }: { segment: SegmentSummary; onClose: () => void; onChanged: (items: SegmentSummary[]) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(segment.name);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = segmentRenameSchema.safeParse({ id: segment.id, name });
    if (!parsed.success) {
      setError(issueText(parsed.error.issues[0]?.message ?? '', t));
      return;
    }
    setBusy(true);
    const r = await getDesk().renameSegment(parsed.data);
    setBusy(false);
    if (!r.ok) {
      setError(r.error.fields?.name ?? r.error.message);
      return;
    }
    onChanged(r.value.items);
    onClose();
  };
  return (
    <Dialog title={t('segments.renameTitle')} onClose={onClose}>
      <form className="dialog-form" onSubmit={(e) => void submit(e)} noValidate>
        <label className="field">
          <span>{t('segments.nameLabel')}</span>
          <input value={name} onChange={(e) => setName(e.target.value)} aria-invalid={error ? true : undefined} />
        </label>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <footer className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('common.working') : t('segments.rename')}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
