/**
 * The type selector plus identity / phone / customer name / business-number fields, shared by the
 * participants panel and the new-conversation dialog. Controlled: the parent owns values and errors.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { regionOf, validatePhoneNumber } from '../../../../shared/domain/address';
import { useDeskStore } from '../../store';
import type { ParticipantSnapshot } from '../../store/types';
import { FieldError, fieldErrorId } from '../common/FieldError';

export type ParticipantKind = 'chat' | 'sms' | 'whatsapp';

export interface ParticipantValues {
  kind: ParticipantKind;
  identity: string;
  address: string;
  proxy: string;
  /** The customer's name (SMS/WhatsApp), stored in the participant's attributes. */
  name: string;
}

export const emptyParticipant = (kind: ParticipantKind = 'chat', proxy = ''): ParticipantValues => ({ kind, identity: '', address: '', proxy, name: '' });

/**
 * A new participant in an existing conversation most likely joins on its channel, through the
 * business number its customer already writes to; chat only when no customer is there.
 */
export function participantDefaults(roster: readonly ParticipantSnapshot[]): ParticipantValues {
  const customer = roster.find((p) => p.type === 'sms' || p.type === 'whatsapp');
  if (!customer) return emptyParticipant('chat');
  return emptyParticipant(customer.type as 'sms' | 'whatsapp', customer.proxy ? customer.proxy.replace(/^whatsapp:/, '') : '');
}

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
  const field = (name: string, hint?: string | null) => ({
    id: `${id}-${name}`,
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': errors[name] ? fieldErrorId(`${id}-${name}`) : hint ? `${id}-${name}-hint` : undefined,
  });
  // The number as it will be stored, shown before anything is created (national input is read in
  // the business number's country). Lenient here: the strict check happens on submit.
  const parsed = values.address.trim() ? validatePhoneNumber(values.address, { strict: false, region: regionOf(values.proxy || proxyChoice) }, t) : null;
  const normalised = parsed?.ok ? t('participants.savedAs', { number: parsed.e164 }) : null;

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
              {...field('address', normalised)}
              type="tel"
              value={values.address}
              placeholder="+14155550123"
              autoComplete="off"
              onChange={(e) => set({ address: e.target.value })}
            />
            {!errors.address && normalised && (
              <p id={`${id}-address-hint`} className="field-hint" aria-live="polite">
                {normalised}
              </p>
            )}
            <FieldError id={`${id}-address`} message={errors.address} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-customerName`}>{t('participants.customerName')}</label>
            <input
              {...field('customerName')}
              value={values.name}
              placeholder={t('participants.customerNamePlaceholder')}
              autoComplete="off"
              onChange={(e) => set({ name: e.target.value })}
            />
            <FieldError id={`${id}-customerName`} message={errors.customerName} />
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
    : { kind: v.kind, address: v.address, proxy: v.proxy || defaultProxy || '', name: v.name };
}
