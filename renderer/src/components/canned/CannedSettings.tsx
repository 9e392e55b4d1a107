/**
 * Settings → Canned responses: the active profile's list, an add/edit form checked with the
 * contract's schema (the same words main would answer with), and JSON import/export.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { issueText } from '../../../../shared/i18n/issue-text';
import { cannedResponseSchema, CANNED_BODY_MAX, type CannedResponse } from '../../../../shared/ipc/team-schema';
import { getDesk } from '../../platform/desk';
import { FieldError, fieldErrorId } from '../common/FieldError';
import { setCannedItems, useCannedResponses } from './canned-list';
import { CANNED_VARIABLES } from './variables';
import './canned.css';

type Editing = { id: string | null; name: string; body: string };
type Errors = Partial<Record<'name' | 'body' | '_', string>>;

export function CannedSettings() {
  const { t } = useTranslation();
  const { items, error, activeProfileId } = useCannedResponses();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<string | null>(null);
  const [refused, setRefused] = useState<{ index: number; reason: string }[]>([]);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const formId = useId();
  const nameId = `${formId}-name`;
  const bodyId = `${formId}-body`;

  const applied = (next: CannedResponse[]) => {
    if (activeProfileId) setCannedItems(activeProfileId, next);
  };

  const startEdit = (item: CannedResponse | null) => {
    setEditing(item ? { id: item.id, name: item.name, body: item.body } : { id: null, name: '', body: '' });
    setErrors({});
    setStatus(null);
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!editing) return;
    const candidate = { id: editing.id ?? crypto.randomUUID(), name: editing.name, body: editing.body };
    const parsed = cannedResponseSchema.safeParse(candidate);
    if (!parsed.success) {
      const found: Errors = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path[0] === 'name' || issue.path[0] === 'body' ? issue.path[0] : '_';
        found[key] ??= issueText(issue.message, t);
      }
      setErrors(found);
      return;
    }
    setBusy(true);
    const r = await getDesk().saveCannedResponse(parsed.data);
    setBusy(false);
    if (!r.ok) {
      setErrors(r.error.fields?.name ? { name: r.error.fields.name } : { _: r.error.message });
      return;
    }
    applied(r.value.items);
    setEditing(null);
    setStatus(t(editing.id ? 'canned.saved' : 'canned.added', { name: parsed.data.name }));
  };

  const remove = async (item: CannedResponse) => {
    const r = await getDesk().removeCannedResponse({ id: item.id });
    if (!r.ok) {
      setStatus(r.error.message);
      return;
    }
    applied(r.value.items);
    setStatus(t('canned.removed', { name: item.name }));
  };

  const importFile = async (file: File) => {
    setRefused([]);
    setStatus(t('canned.importing'));
    const r = await getDesk().importCannedResponses({ json: await file.text() });
    if (!r.ok) {
      setStatus(r.error.message);
      return;
    }
    applied(r.value.items);
    setStatus(t('canned.importReport', { added: r.value.added, replaced: r.value.replaced, refused: r.value.refused.length }));
    setRefused(r.value.refused);
  };

  const exportFile = async () => {
    const r = await getDesk().exportCannedResponses();
    if (!r.ok) {
      setStatus(r.error.message);
      return;
    }
    const url = URL.createObjectURL(new Blob([r.value.json], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'canned-responses.json';
    link.click();
    // The click starts the download synchronously; the URL is no longer needed after this turn.
    setTimeout(() => URL.revokeObjectURL(url), 0);
    setStatus(t('canned.exported'));
  };

  return (
    <fieldset className="canned-settings">
      <legend>{t('canned.legend')}</legend>
      <p className="setting-hint">{t('canned.hint', { variables: CANNED_VARIABLES.map((v) => `{{${v}}}`).join(' ') })}</p>
      {error && <p role="alert" className="field-error">{error}</p>}
      {items.length > 0 ? (
        <ul className="canned-list" aria-label={t('canned.listLabel')}>
          {items.map((item) => (
            <li key={item.id}>
              <div className="canned-item-text">
                <span className="canned-name">/{item.name}</span>
                <span className="canned-body">{item.body}</span>
              </div>
              <button type="button" className="small" onClick={() => startEdit(item)} aria-label={t('canned.editNamed', { name: item.name })}>
                {t('canned.edit')}
              </button>
              <button type="button" className="small danger" onClick={() => void remove(item)} aria-label={t('canned.removeNamed', { name: item.name })}>
                {t('common.delete')}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="setting-hint">{t('canned.empty')}</p>
      )}
      {editing ? (
        <form className="canned-form" onSubmit={(e) => void save(e)} aria-label={t(editing.id ? 'canned.editTitle' : 'canned.addTitle')} noValidate>
          <label className="field">
            <span>{t('canned.name')}</span>
            <input
              id={nameId}
              value={editing.name}
              placeholder={t('canned.namePlaceholder')}
              aria-invalid={errors.name ? true : undefined}
              aria-describedby={errors.name ? fieldErrorId(nameId) : undefined}
              onChange={(e) => setEditing({ ...editing, name: e.target.value })}
            />
          </label>
          <FieldError id={nameId} message={errors.name} />
          <label className="field">
            <span>{t('canned.body')}</span>
            <textarea
              id={bodyId}
              rows={4}
              value={editing.body}
              placeholder={t('canned.bodyPlaceholder', { variable: '{{customer.name}}' })}
              aria-invalid={errors.body ? true : undefined}
              aria-describedby={errors.body ? fieldErrorId(bodyId) : undefined}
              onChange={(e) => setEditing({ ...editing, body: e.target.value })}
            />
          </label>
          <p className="setting-hint canned-count">{t('canned.bodyCount', { count: editing.body.length, max: CANNED_BODY_MAX })}</p>
          <FieldError id={bodyId} message={errors.body} />
          {errors._ && <p role="alert" className="field-error">{errors._}</p>}
          <div className="canned-actions">
            <button type="submit" className="primary" disabled={busy}>
              {busy ? t('common.working') : t('common.save')}
            </button>
            <button type="button" onClick={() => setEditing(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div className="canned-actions">
          <button type="button" onClick={() => startEdit(null)} disabled={activeProfileId === null}>
            {t('canned.add')}
          </button>
          <button type="button" onClick={() => fileInput.current?.click()} disabled={activeProfileId === null}>
            {t('canned.import')}
          </button>
          <button type="button" onClick={() => void exportFile()} disabled={items.length === 0}>
            {t('canned.export')}
          </button>
          <input
            ref={fileInput}
            type="file"
            accept=".json,application/json"
            hidden
            aria-label={t('canned.importFile')}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void importFile(file);
            }}
          />
        </div>
      )}
      {status && (
        <p role="status" className="setting-status">
          {status}
        </p>
      )}
      {refused.length > 0 && (
        <ul className="canned-refused" aria-label={t('canned.refusedLabel')}>
          {refused.map((r) => (
            <li key={r.index}>{t('canned.refusedEntry', { position: r.index + 1, reason: r.reason })}</li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
