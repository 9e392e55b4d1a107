/**
 * Choosing and sending a WhatsApp template: the account's templates (the SDK's
 * getContentTemplates) searched by name, a small form with one labelled field per variable, and
 * a live preview of what the customer will see. An empty variable is named and nothing is sent;
 * values typed stay while the picker is open, whatever Twilio answers. A template WhatsApp has not
 * approved (main reads the approvals over REST) can't be sent outside the 24-hour window: WhatsApp
 * would refuse it (63016), so the picker says why instead of offering Send.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useActions } from '../../store';
import type { TemplateSnapshot } from '../../sdk/template-snapshot';
import type { TemplateApproval } from '../../../../shared/ipc/content-schema';
import { Icon } from '../common/Icon';
import { ContentBubble } from './ContentBubble';

type Loaded = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; templates: TemplateSnapshot[] };

export function TemplatePicker({ sid, windowOpen, onClose, onSent }: { sid: string; windowOpen: boolean; onClose: () => void; onSent: () => void }) {
  const { t } = useTranslation();
  const { listTemplates, sendTemplate, templateApprovals } = useActions();
  const [approvals, setApprovals] = useState<Map<string, TemplateApproval> | null>(null);
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  /** Values per template, so switching templates and back loses nothing. */
  const [values, setValues] = useState<Record<string, Record<string, string>>>({});
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [sending, setSending] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const search = useRef<HTMLInputElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const errorId = useId();
  const titleId = useId();

  useEffect(() => {
    let current = true;
    void Promise.all([listTemplates(), templateApprovals()]).then(([r, a]) => {
      if (!current) return;
      setApprovals(a);
      setLoaded(r.ok ? { state: 'ready', templates: r.templates } : { state: 'error', message: r.message });
    });
    return () => {
      current = false;
    };
  }, [listTemplates, templateApprovals, attempt]);

  useEffect(() => search.current?.focus(), []);

  const templates = useMemo(() => (loaded.state === 'ready' ? loaded.templates : []), [loaded]);
  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    return q === '' ? templates : templates.filter((x) => x.name.toLowerCase().includes(q));
  }, [templates, query]);
  const template = templates.find((x) => x.sid === chosen) ?? null;
  const filled = (template && values[template.sid]) ?? {};
  const approval = template ? (approvals?.get(template.sid) ?? null) : null;
  // Unknown approval (no REST access): not held back; WhatsApp's own refusal will explain it.
  const approved = approval === null || approval.whatsapp === 'approved';
  const blocked = !approved && !windowOpen;

  const setValue = (name: string, value: string) => {
    if (!template) return;
    setValues((all) => ({ ...all, [template.sid]: { ...(all[template.sid] ?? {}), [name]: value } }));
    if (error?.field === `var-${name}`) setError(null);
  };

  const send = async () => {
    if (!template || sending || blocked) return;
    const empty = template.variables.filter((v) => (filled[v.name] ?? '').trim() === '');
    if (empty.length > 0) {
      const first = empty[0]?.name ?? '';
      setError({ message: t('templates.emptyVariables', { list: empty.map((v) => `{{${v.name}}}`).join(', ') }), field: `var-${first}` });
      [...(form.current?.querySelectorAll<HTMLInputElement>('input[data-variable]') ?? [])].find((i) => i.dataset.variable === first)?.focus();
      return;
    }
    setSending(true);
    const r = await sendTemplate(sid, template.sid, filled);
    setSending(false);
    if (!r.ok) {
      setError({ message: r.message, ...(r.field ? { field: r.field } : {}) });
      return;
    }
    setError(null);
    setValues((all) => ({ ...all, [template.sid]: {} }));
    onSent();
  };

  return (
    <section
      className="template-picker"
      role="dialog"
      aria-labelledby={titleId}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <header className="template-picker-header">
        <h2 id={titleId}>{t('templates.title')}</h2>
        <button type="button" className="ghost icon small-icon" aria-label={t('templates.close')} title={t('templates.close')} onClick={onClose}>
          <Icon name="close" size={14} />
        </button>
      </header>
      <div className="template-picker-body">
        <div className="template-list-pane">
          <input ref={search} type="search" aria-label={t('templates.search')} placeholder={t('templates.searchPlaceholder')} value={query} onChange={(e) => setQuery(e.target.value)} />
          {loaded.state === 'loading' && <p className="template-note" role="status">{t('templates.loading')}</p>}
          {loaded.state === 'error' && (
            <div className="template-note" role="alert">
              <p>{loaded.message}</p>
              <button
                type="button"
                className="small"
                onClick={() => {
                  setLoaded({ state: 'loading' });
                  setAttempt((n) => n + 1);
                }}
              >{t('common.retry')}</button>
            </div>
          )}
          {loaded.state === 'ready' && templates.length === 0 && <p className="template-note">{t('templates.none')}</p>}
          {loaded.state === 'ready' && templates.length > 0 && matches.length === 0 && <p className="template-note">{t('templates.noMatch', { query })}</p>}
          {matches.length > 0 && (
            <ul className="template-list" aria-label={t('templates.list')}>
              {matches.map((x) => (
                <li key={x.sid}>
                  <button type="button" className={`template-item${x.sid === chosen ? ' chosen' : ''}`} aria-pressed={x.sid === chosen} onClick={() => {
                    setChosen(x.sid);
                    setError(null);
                  }}>
                    <span className="template-name">
                      {x.name}
                      <ApprovalBadge approval={approvals?.get(x.sid) ?? null} />
                    </span>
                    <span className="template-snippet">{x.body ?? ''}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        {template ? (
          <form
            ref={form}
            className="template-form"
            aria-label={t('templates.formLabel', { name: template.name })}
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void send();
            }}
          >
            {template.variables.length === 0 ? (
              <p className="template-note">{t('templates.noVariables')}</p>
            ) : (
              <div className="template-variables">
                {template.variables.map((v) => (
                  <label key={v.name} className="template-variable">
                    <span>{t('templates.variable', { name: `{{${v.name}}}` })}</span>
                    <input
                      data-variable={v.name}
                      value={filled[v.name] ?? ''}
                      placeholder={v.sample ? t('templates.sample', { sample: v.sample }) : undefined}
                      aria-invalid={error?.field === `var-${v.name}` || undefined}
                      aria-describedby={error ? errorId : undefined}
                      onChange={(e) => setValue(v.name, e.target.value)}
                    />
                  </label>
                ))}
              </div>
            )}
            <div className="template-preview">
              <span className="template-preview-label">{t('templates.previewLabel')}</span>
              <ContentBubble view={template} values={filled} label={t('templates.preview')} />
            </div>
            {approval && !approved && (
              <p className={blocked ? 'template-unapproved blocked' : 'template-unapproved'} role={blocked ? 'alert' : undefined}>
                {blocked ? t('templates.unapprovedClosed', { status: statusText(t, approval.whatsapp) }) : t('templates.unapprovedOpen', { status: statusText(t, approval.whatsapp) })}
                {approval.rejectionReason && ` ${t('templates.rejectionReason', { reason: approval.rejectionReason })}`}
              </p>
            )}
            {error && (
              <p id={errorId} className="inline-error" role="alert">
                {error.message}
              </p>
            )}
            <div className="template-form-actions">
              <button type="submit" className="primary with-icon" disabled={sending || blocked}>
                <Icon name="send" size={15} />
                {sending ? t('templates.sending') : t('templates.send')}
              </button>
            </div>
          </form>
        ) : (
          <p className="template-form template-note">{loaded.state === 'ready' && templates.length > 0 ? t('templates.pick') : ''}</p>
        )}
      </div>
    </section>
  );
}

type T = TFunction;

const STATUS_KEYS = ['approved', 'pending', 'received', 'rejected', 'paused', 'disabled', 'unsubmitted'] as const;

function statusText(t: T, status: string): string {
  return (STATUS_KEYS as readonly string[]).includes(status) ? t(`templates.status.${status as (typeof STATUS_KEYS)[number]}`) : t('templates.status.other', { status });
}

function ApprovalBadge({ approval }: { approval: TemplateApproval | null }) {
  const { t } = useTranslation();
  if (!approval) return null;
  return <span className={`approval-badge ${approval.whatsapp === 'approved' ? 'approved' : 'not-approved'}`}>{statusText(t, approval.whatsapp)}</span>;
}
