/**
 * Add or edit a Twilio profile. The secret is typed once and never shown again: when editing,
 * leaving it blank keeps the stored one. Field errors come from zod locally and IpcError.fields.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { issueText } from '../../../../shared/i18n/issue-text';
import { profileInputSchema, type ProfileInput, type ProfileSummary } from '../../../../shared/ipc/contract';
import { getDesk } from '../../platform/desk';
import { Dialog } from '../common/Dialog';
import { FieldError, fieldErrorId } from '../common/FieldError';

type Field = 'name' | 'accountSid' | 'apiKeySid' | 'apiKeySecret' | 'serviceSid' | 'identity';

// Labels and example placeholders are catalogue keys; SID prefixes are the same in every language.
const FIELDS = [
  { name: 'name', label: 'profileForm.name', placeholder: { key: 'profileForm.namePlaceholder' } },
  { name: 'accountSid', label: 'profileForm.accountSid', placeholder: { text: 'AC…' } },
  { name: 'apiKeySid', label: 'profileForm.apiKeySid', placeholder: { text: 'SK…' } },
  { name: 'apiKeySecret', label: 'profileForm.apiKeySecret', placeholder: { text: '' } },
  { name: 'serviceSid', label: 'profileForm.serviceSid', placeholder: { text: 'IS…' } },
  { name: 'identity', label: 'profileForm.identity', placeholder: { key: 'profileForm.identityPlaceholder' } },
] as const satisfies ReadonlyArray<{ name: Field; label: string; placeholder: { key: string } | { text: string } }>;

const FIELD_NAMES = FIELDS.map((f) => f.name);

export function ProfileForm({ profile, onDone }: { profile: ProfileSummary | null; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [values, setValues] = useState<Record<Field, string>>({
    name: profile?.name ?? '',
    accountSid: profile?.accountSid ?? '',
    apiKeySid: profile?.apiKeySid ?? '',
    apiKeySecret: '',
    serviceSid: profile?.serviceSid ?? '',
    identity: profile?.identity ?? '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [busy, setBusy] = useState<'test' | 'save' | null>(null);
  // The last test and the exact values it ran with: any edit afterwards makes it stale.
  const [tested, setTested] = useState<{ ok: boolean; message: string; values: Record<Field, string> } | null>(null);
  const [warning, setWarning] = useState<{ failed: string | null } | null>(null);
  const testIsCurrent = tested !== null && FIELD_NAMES.every((f) => tested.values[f] === values[f]);
  // Renaming a saved profile changes nothing it connects with, so it needs no new test.
  const connectsDifferently =
    profile === null ||
    values.apiKeySecret !== '' ||
    values.accountSid !== (profile.accountSid ?? '') ||
    values.apiKeySid !== (profile.apiKeySid ?? '') ||
    values.serviceSid !== (profile.serviceSid ?? '') ||
    values.identity !== profile.identity;

  const parse = (): ProfileInput | null => {
    const { apiKeySecret, ...rest } = values;
    const candidate = { ...rest, ...(profile ? { id: profile.id } : {}), ...(apiKeySecret ? { apiKeySecret } : {}) };
    const parsed = profileInputSchema.safeParse(candidate);
    const fieldErrors: Record<string, string> = {};
    if (!parsed.success) for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? 'form')] ??= issueText(issue.message, t);
    if (!profile && !apiKeySecret) fieldErrors.apiKeySecret = t('profileForm.secretRequired');
    setErrors(fieldErrors);
    return parsed.success && Object.keys(fieldErrors).length === 0 ? parsed.data : null;
  };

  const run = async (kind: 'test' | 'save', confirmed = false) => {
    const input = parse();
    if (!input) return;
    // Saving is allowed without a passing test (offline set-up, a key being rotated), but not silently.
    if (kind === 'save' && !confirmed && connectsDifferently && !(testIsCurrent && tested.ok)) {
      return setWarning({ failed: testIsCurrent && !tested.ok ? tested.message : null });
    }
    setWarning(null);
    setBusy(kind);
    setResult(null);
    try {
      const desk = getDesk();
      if (kind === 'test') {
        const r = await desk.testProfile(input);
        setTested({ ok: r.ok && r.value.ok, message: r.ok ? r.value.message : r.error.message, values });
        if (r.ok) setResult(r.value);
        else {
          setErrors(r.error.fields ?? {});
          setResult({ ok: false, message: r.error.message });
        }
      } else {
        const r = await desk.saveProfile(input);
        if (r.ok) return onDone(true);
        setErrors(r.error.fields ?? {});
        setResult({ ok: false, message: r.error.message });
      }
    } finally {
      setBusy(null);
    }
  };

  return (
    <form
      className="profile-form"
      aria-label={profile ? t('accounts.editNamed', { name: profile.name }) : t('profileForm.addLabel')}
      onSubmit={(e) => {
        e.preventDefault();
        void run('save');
      }}
    >
      <h2>{profile ? t('profileForm.editTitle', { name: profile.name }) : t('profileForm.addTitle')}</h2>
      {FIELDS.map((f) => {
        const fieldId = `${id}-${f.name}`;
        const secret = f.name === 'apiKeySecret';
        return (
          <div className="field" key={f.name}>
            <label htmlFor={fieldId}>{t(f.label)}</label>
            <input
              id={fieldId}
              type={secret ? 'password' : 'text'}
              autoComplete="off"
              spellCheck={false}
              value={values[f.name]}
              placeholder={secret && profile?.secretHint ? t('profileForm.secretStored', { hint: profile.secretHint }) : 'key' in f.placeholder ? t(f.placeholder.key) : f.placeholder.text}
              aria-invalid={errors[f.name] ? true : undefined}
              aria-describedby={errors[f.name] ? fieldErrorId(fieldId) : undefined}
              onChange={(e) => {
                setValues((v) => ({ ...v, [f.name]: e.target.value }));
                setErrors(({ [f.name]: _gone, ...rest }) => rest);
              }}
            />
            <FieldError id={fieldId} message={errors[f.name]} />
          </div>
        );
      })}
      {result && (
        <p className={result.ok ? 'form-ok' : 'field-error'} role={result.ok ? 'status' : 'alert'}>
          {result.message}
        </p>
      )}
      <footer className="dialog-actions">
        <button type="button" onClick={() => onDone(false)}>
          {t('common.cancel')}
        </button>
        <button type="button" disabled={busy !== null} onClick={() => void run('test')}>
          {busy === 'test' ? t('profileForm.testing') : t('profileForm.test')}
        </button>
        <button type="submit" className="primary" disabled={busy !== null}>
          {busy === 'save' ? t('profileForm.saving') : t('common.save')}
        </button>
      </footer>
      {warning && (
        <Dialog title={t('profileForm.unverifiedTitle')} onClose={() => setWarning(null)} role="alertdialog">
          <div className="dialog-form">
            <p className="confirm-message warning-message">
              {warning.failed !== null ? t('profileForm.testFailedWarning', { reason: warning.failed }) : t('profileForm.untestedWarning')}
            </p>
            <footer className="dialog-actions">
              <button type="button" onClick={() => void run('save', true)}>
                {t('profileForm.saveAnyway')}
              </button>
              <button type="button" className="primary" onClick={() => setWarning(null)}>
                {t('profileForm.back')}
              </button>
            </footer>
          </div>
        </Dialog>
      )}
    </form>
  );
}
