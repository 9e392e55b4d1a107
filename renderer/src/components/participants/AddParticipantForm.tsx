import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useActions, useDeskStore } from '../../store';
import { useRosterShown } from './roster-shown';
import { ParticipantFields, participantDefaults, toNewParticipant, type ParticipantValues } from './ParticipantFields';

export function AddParticipantForm({ sid }: { sid: string }) {
  const { t } = useTranslation();
  const { addParticipant } = useActions();
  const workspace = useDeskStore((s) => s.workspace);
  const roster = useRosterShown(sid);
  // Untouched, the form follows the conversation's channel (the roster may arrive after it opens).
  const [edited, setEdited] = useState<ParticipantValues | null>(null);
  const values = edited ?? participantDefaults(roster);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const defaultProxy = workspace ? (values.kind === 'whatsapp' ? workspace.proxyNumbers.whatsapp : workspace.proxyNumbers.sms) : null;

  const submit = async () => {
    setBusy(true);
    setDone(null);
    const r = await addParticipant(sid, toNewParticipant(values, defaultProxy));
    setBusy(false);
    if (r.ok) {
      setErrors({});
      setDone(t('participants.added'));
      setEdited(null);
    } else {
      setErrors({ [r.field ?? 'form']: r.message });
    }
  };

  return (
    <form
      className="add-participant"
      aria-label={t('participants.add')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3>{t('participants.add')}</h3>
      <ParticipantFields
        values={values}
        errors={errors}
        onChange={(v) => {
          setEdited(v);
          setErrors({});
          setDone(null);
        }}
      />
      {errors.form && (
        <p className="field-error" role="alert">
          {errors.form}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('participants.adding') : t('participants.addButton')}
      </button>
      {done && <span className="form-ok" role="status">{done}</span>}
    </form>
  );
}
