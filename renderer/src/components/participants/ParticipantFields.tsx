/**
 * The type selector plus identity / phone / business-number fields, shared by the participants
 * panel and the new-conversation dialog. Controlled: the parent owns values and errors.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeskStore } from '../../store';
import { FieldError, fieldErrorId } from '../common/FieldError';

export type ParticipantKind = 'chat' | 'sms' | 'whatsapp';

export interface ParticipantValues {
  kind: ParticipantKind;
  identity: string;
  address: string;
  proxy: string;
}

export const emptyParticipant = (kind: ParticipantKind = 'chat'): ParticipantValues => ({ kind, identity: '', address: '', proxy: '' });

interface Props {
  values: ParticipantValues;
  errors: Record<string, string>;
  onChange: (values: ParticipantValues) => void;
  /** Extra "None" choice in the type selector (new-conversation dialog). */
  allowNone?: boolean;
  none?: boolean;
  onNone?: (none: boolean) => void;
}

export function ParticipantFields({ values, errors, onChange, allowNone, none, onNone }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const workspace = useDeskStore((s) => s.workspace);
  const proxyChoice = workspace ? (values.kind === 'whatsapp' ? workspace.proxyNumbers.whatsapp : workspace.proxyNumbers.sms) : null;
  const set = (patch: Partial<ParticipantValues>) => onChange({ ...values, ...patch });
  const field = (name: string) => ({
    id: `${id}-${name}`,
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': errors[name] ? fieldErrorId(`${id}-${name}`) : undefined,
  });

  return (
    <>
      <label className="field">
        <span>{t('participants.type')}</span>
        <select
          value={none ? 'none' : values.kind}
          onChange={(e) => {
            const v = e.target.value;
            if (v === 'none') return onNone?.(true);
            onNone?.(false);
            const kind = v as ParticipantKind;
            const proxy = workspace ? (kind === 'whatsapp' ? workspace.proxyNumbers.whatsapp : workspace.proxyNumbers.sms) : values.proxy;
            set({ kind, proxy: kind === 'chat' ? values.proxy : proxy });
          }}
        >
          {allowNone && <option value="none">{t('participants.none')}</option>}
          <option value="chat">{t('participants.chatAgent')}</option>
          <option value="sms">{t('channel.sms')}</option>
          <option value="whatsapp">{t('channel.whatsapp')}</option>
        </select>
      </label>
      {none ? null : values.kind === 'chat' ? (
        <div className="field">
          <label htmlFor={`${id}-identity`}>{t('participants.identity')}</label>
          <input
            {...field('identity')}
            list={workspace ? `${id}-agents` : undefined}
            value={values.identity}
            placeholder={t('participants.identityPlaceholder')}
            autoComplete="off"
            onChange={(e) => set({ identity: e.target.value })}
          />
          {workspace && (
            <datalist id={`${id}-agents`}>
              {workspace.agents.map((a) => (
                <option key={a} value={a} />
              ))}
            </datalist>
          )}
          <FieldError id={`${id}-identity`} message={errors.identity} />
        </div>
      ) : (
        <>
          <div className="field">
            <label htmlFor={`${id}-address`}>{t('participants.phone')}</label>
            <input
              {...field('address')}
              type="tel"
              value={values.address}
              placeholder="+14155550123"
              autoComplete="off"
              onChange={(e) => set({ address: e.target.value })}
            />
            <FieldError id={`${id}-address`} message={errors.address} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-proxy`}>{t('participants.business')}</label>
            <input
              {...field('proxy')}
              type="tel"
              value={values.proxy || proxyChoice || ''}
              placeholder={t('participants.businessPlaceholder')}
              autoComplete="off"
              onChange={(e) => set({ proxy: e.target.value })}
            />
            <FieldError id={`${id}-proxy`} message={errors.proxy} />
          </div>
        </>
      )}
    </>
  );
}

/** Values → the action's input (the business number defaults to the workspace's). */
export function toNewParticipant(v: ParticipantValues, defaultProxy: string | null) {
  return v.kind === 'chat'
    ? { kind: 'chat' as const, identity: v.identity }
    : { kind: v.kind, address: v.address, proxy: v.proxy || defaultProxy || '' };
}
