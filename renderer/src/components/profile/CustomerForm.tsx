/**
 * The customer's name, email, company, tags and notes, saved into Twilio by main. A refused save
 * (malformed email, notes over Twilio's 4 KB per participant) says why beside the field and keeps
 * every character typed: the form is only reset from a profile when nothing in it was edited.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { issueText } from '../../../../shared/i18n/issue-text';
import { customerFieldsSchema, type CustomerFields, type CustomerProfile } from '../../../../shared/ipc/customer-schema';
import { getDesk } from '../../platform/desk';
import { FieldError, fieldErrorId } from '../common/FieldError';
import { fieldErrors } from './useCustomerProfile';

interface Draft {
  name: string;
  email: string;
  company: string;
  tags: string;
  notes: string;
}

const toDraft = (f: CustomerFields): Draft => ({ name: f.name, email: f.email, company: f.company, tags: f.tags.join(', '), notes: f.notes });
const toFields = (d: Draft) => ({
  name: d.name,
  email: d.email,
  company: d.company,
  tags: [...new Set(d.tags.split(',').map((x) => x.trim()).filter(Boolean))],
  notes: d.notes,
});

export function CustomerForm({ profile, conversationSid, onSaved }: { profile: CustomerProfile; conversationSid: string; onSaved: (p: CustomerProfile) => void }) {
  const { t } = useTranslation();
  const id = useId();
  // Untouched, the form follows the profile (another agent's save, read again); edited, it keeps the agent's text.
  const [edited, setEdited] = useState<Draft | null>(null);
  const draft = edited ?? toDraft(profile.fields);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  const set = (patch: Partial<Draft>) => {
    setEdited({ ...draft, ...patch });
    setSaved(false);
    setErrors((e) => {
      const next = { ...e };
      for (const key of Object.keys(patch)) delete next[key];
      delete next['form'];
      return next;
    });
  };

  const submit = async () => {
    const fields = toFields(draft);
    const checked = customerFieldsSchema.safeParse(fields);
    if (!checked.success) {
      const found: Record<string, string> = {};
      for (const issue of checked.error.issues) found[String(issue.path[0] ?? 'form')] ??= issueText(issue.message, t);
      setErrors(found);
      return;
    }
    setBusy(true);
    const r = await getDesk().saveCustomerProfile({ address: profile.address, fields: checked.data, conversationSid });
    setBusy(false);
    if (!r.ok) {
      const { fields: byField, message } = fieldErrors(r);
      setErrors(message ? { form: message } : byField);
      return;
    }
    setEdited(null);
    setErrors({});
    setSaved(true);
    onSaved(r.value);
  };

  const field = (name: keyof Draft) => ({
    id: `${id}-${name}`,
    value: draft[name],
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': errors[name] ? fieldErrorId(`${id}-${name}`) : undefined,
    autoComplete: 'off',
  });

  return (
    <form
      className="customer-form"
      aria-label={t('profile.formLabel')}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('profile.name')}</label>
        <input {...field('name')} onChange={(e) => set({ name: e.target.value })} />
        <FieldError id={`${id}-name`} message={errors.name} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-email`}>{t('profile.email')}</label>
        <input {...field('email')} type="email" placeholder={t('profile.emailPlaceholder')} onChange={(e) => set({ email: e.target.value })} />
        <FieldError id={`${id}-email`} message={errors.email} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-company`}>{t('profile.company')}</label>
        <input {...field('company')} onChange={(e) => set({ company: e.target.value })} />
        <FieldError id={`${id}-company`} message={errors.company} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-tags`}>{t('profile.tags')}</label>
        <input {...field('tags')} placeholder={t('profile.tagsPlaceholder')} onChange={(e) => set({ tags: e.target.value })} />
        <FieldError id={`${id}-tags`} message={errors.tags} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-notes`}>{t('profile.notes')}</label>
        <textarea {...field('notes')} rows={4} onChange={(e) => set({ notes: e.target.value })} />
        <FieldError id={`${id}-notes`} message={errors.notes} />
      </div>
      {errors.form && (
        <p className="field-error" role="alert">
          {errors.form}
        </p>
      )}
      <div className="customer-form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('profile.saving') : t('profile.save')}
        </button>
        {saved && (
          <span className="form-ok" role="status">
            {t('profile.saved')}
          </span>
        )}
      </div>
    </form>
  );
}
