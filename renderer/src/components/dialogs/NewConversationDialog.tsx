import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useActions, useDeskStore } from '../../store';
import { Dialog } from '../common/Dialog';
import { FieldError, fieldErrorId } from '../common/FieldError';
import { emptyParticipant, ParticipantFields, toNewParticipant, type ParticipantValues } from '../participants/ParticipantFields';

export function NewConversationDialog() {
  const { t } = useTranslation();
  const { createConversation } = useActions();
  const id = useId();
  const toggle = useDeskStore((s) => s.toggleNewConversation);
  const workspace = useDeskStore((s) => s.workspace);
  const [name, setName] = useState('');
  const [none, setNone] = useState(true);
  const [participant, setParticipant] = useState<ParticipantValues>(emptyParticipant('sms'));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const close = useCallback(() => toggle(false), [toggle]);

  const defaultProxy = workspace ? (participant.kind === 'whatsapp' ? workspace.proxyNumbers.whatsapp : workspace.proxyNumbers.sms) : null;

  const submit = async () => {
    setBusy(true);
    const r = await createConversation({ name, participant: none ? null : toNewParticipant(participant, defaultProxy) });
    setBusy(false);
    if (r.ok) close();
    else setErrors({ [r.field ?? 'form']: r.message });
  };

  return (
    <Dialog title={t('newConversation.title')} onClose={close}>
      <form
        className="dialog-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('newConversation.name')}</label>
          <input
            id={`${id}-name`}
            value={name}
            placeholder={t('newConversation.namePlaceholder')}
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={errors.name ? fieldErrorId(`${id}-name`) : undefined}
            onChange={(e) => {
              setName(e.target.value);
              setErrors({});
            }}
          />
          <FieldError id={`${id}-name`} message={errors.name} />
        </div>
        <fieldset>
          <legend>{t('newConversation.firstParticipant')}</legend>
          <ParticipantFields
            values={participant}
            errors={errors}
            allowNone
            none={none}
            onNone={setNone}
            onChange={(v) => {
              setParticipant(v);
              setErrors({});
            }}
          />
        </fieldset>
        {errors.form && (
          <p className="field-error" role="alert">
            {errors.form}
          </p>
        )}
        <footer className="dialog-actions">
          <button type="button" onClick={close}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('newConversation.creating') : t('newConversation.create')}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
