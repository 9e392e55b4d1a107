/**
 * "Your name" in Settings: the agent's own Twilio User friendly name, which teammates see in their
 * rosters and beside the agent's messages. The identity the agent signs in with stays as it is.
 * What was typed stays in the field when saving fails, with the reason beside it.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useActions, useDeskStore } from '../../store';
import { FieldError, fieldErrorId } from '../common/FieldError';
import './display-name.css';

export function DisplayNameSettings() {
  const { t } = useTranslation();
  const { setDisplayName } = useActions();
  const identity = useDeskStore((s) => s.session?.identity ?? null);
  const current = useDeskStore((s) => (s.session ? (s.userNames.get(s.session.identity) ?? '') : ''));
  const connected = useDeskStore((s) => s.connection.status === 'connected');
  // What the agent typed; until then the field shows the name as Twilio has it (it may arrive
  // after the panel opens, or change on another device).
  const [draft, setDraft] = useState<string | null>(null);
  const value = draft ?? current;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const inputId = useId();
  const hintId = `${inputId}-hint`;

  if (identity === null) return null;

  const save = async () => {
    setBusy(true);
    setSaved(null);
    const r = await setDisplayName(value);
    setBusy(false);
    if (r.ok) {
      setError(null);
      setDraft(null);
      setSaved(value.trim());
    } else setError(r.message);
  };

  return (
    <fieldset className="display-name-settings">
      <legend>{t('displayName.legend')}</legend>
      <form
        className="display-name-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label className="field">
          <span>{t('displayName.label')}</span>
          <input
            id={inputId}
            name="displayName"
            value={value}
            autoComplete="name"
            aria-invalid={error !== null}
            aria-describedby={error ? `${fieldErrorId(inputId)} ${hintId}` : hintId}
            onChange={(e) => {
              setDraft(e.target.value);
              setError(null);
              setSaved(null);
            }}
          />
        </label>
        <button type="submit" disabled={busy || !connected || draft === null}>
          {busy ? t('displayName.saving') : t('displayName.save')}
        </button>
      </form>
      {error && <FieldError id={inputId} message={error} />}
      <p id={hintId} className="setting-hint">
        {connected ? t('displayName.hint', { identity }) : t('displayName.notConnected')}
      </p>
      {saved !== null && (
        <p role="status" className="setting-status">
          {t('displayName.saved', { name: saved })}
        </p>
      )}
    </fieldset>
  );
}
