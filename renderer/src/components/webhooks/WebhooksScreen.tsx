/**
 * The webhooks tool: the service's post-event webhook (Twilio's Configuration/Webhooks: URL,
 * method, event filters), a signed test event sent by main, and, in the Local workspace, the
 * emulator's last 50 deliveries. Everything goes through main, which holds every secret.
 */
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { issueText } from '../../../../shared/i18n/issue-text';
import { POST_EVENT_FILTERS, webhookAuthTokenSchema, webhookSaveSchema, type WebhookSettings, type WebhookTestResult } from '../../../../shared/ipc/webhook-schema';
import { getDesk } from '../../platform/desk';
import { useDeskStore } from '../../store';
import { FieldError, fieldErrorId } from '../common/FieldError';
import { ToolScreen } from '../tools/ToolScreen';
import { WebhookDeliveries } from './WebhookDeliveries';
import './webhooks.css';

const METHODS = ['POST', 'GET'] as const;

type Form = { url: string; method: 'POST' | 'GET'; filters: string[] };
type Errors = Partial<Record<'url' | 'filters' | 'token' | '_', string>>;

export function WebhooksScreen() {
  const { t } = useTranslation();
  const profileId = useDeskStore((s) => s.session?.profileId ?? null);
  const [settings, setSettings] = useState<WebhookSettings | null>(null);
  const [form, setForm] = useState<Form>({ url: '', method: 'POST', filters: [] });
  const [loadError, setLoadError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState<'save' | 'test' | 'token' | null>(null);
  const [result, setResult] = useState<WebhookTestResult | null>(null);
  const [token, setToken] = useState('');
  const id = useId();

  const apply = useCallback((next: WebhookSettings) => {
    setSettings(next);
    setForm({ url: next.postWebhookUrl ?? '', method: next.method, filters: next.filters.filter((f) => (POST_EVENT_FILTERS as readonly string[]).includes(f)) });
  }, []);

  useEffect(() => {
    if (!profileId) return;
    let live = true;
    // A profile switch keeps the old settings on screen until the new ones arrive.
    void getDesk()
      .webhookSettings()
      .then((r) => {
        if (!live) return;
        if (r.ok) {
          setLoadError(null);
          apply(r.value);
        } else setLoadError(r.error.message);
      });
    return () => {
      live = false;
    };
  }, [profileId, apply]);

  const problems = (issues: { path: PropertyKey[]; message: string }[]): Errors => {
    const found: Errors = {};
    for (const issue of issues) {
      const key = issue.path[0] === 'postWebhookUrl' || issue.path[0] === 'url' ? 'url' : issue.path[0] === 'filters' ? 'filters' : '_';
      found[key] ??= issueText(issue.message, t);
    }
    return found;
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setStatus(null);
    const parsed = webhookSaveSchema.safeParse({ postWebhookUrl: form.url.trim(), method: form.method, filters: form.filters });
    if (!parsed.success) return setErrors(problems(parsed.error.issues));
    setErrors({});
    setBusy('save');
    const r = await getDesk().saveWebhookSettings(parsed.data);
    setBusy(null);
    if (!r.ok) return setErrors(r.error.fields ? problems(Object.entries(r.error.fields).map(([k, v]) => ({ path: [k], message: v }))) : { _: r.error.message });
    apply(r.value);
    setStatus(t('webhooks.saved'));
  };

  const test = async () => {
    setStatus(null);
    setResult(null);
    const url = form.url.trim();
    if (!url) return setErrors({ url: t('webhooks.testNeedsUrl') });
    const request = { url, method: form.method };
    setErrors({});
    setBusy('test');
    const r = await getDesk().testWebhook(request);
    setBusy(null);
    if (!r.ok) return setErrors(r.error.fields ? problems(Object.entries(r.error.fields).map(([k, v]) => ({ path: [k], message: v }))) : { _: r.error.message });
    setResult(r.value);
  };

  const saveToken = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = webhookAuthTokenSchema.safeParse({ authToken: token });
    if (!parsed.success) return setErrors({ token: issueText(parsed.error.issues[0]?.message ?? 'validation.authToken', t) });
    setErrors({});
    setBusy('token');
    const r = await getDesk().setWebhookAuthToken(parsed.data);
    setBusy(null);
    if (!r.ok) return setErrors({ token: r.error.message });
    setToken('');
    apply(r.value);
    setStatus(t('webhooks.tokenSaved'));
  };

  const toggle = (filter: string, on: boolean) =>
    setForm((f) => ({ ...f, filters: on ? [...f.filters, filter] : f.filters.filter((x) => x !== filter) }));

  return (
    <ToolScreen tool="webhooks">
      {loadError && (
        <p className="field-error" role="alert">
          {loadError}
        </p>
      )}
      {!settings && !loadError && <p className="tool-empty">{t('webhooks.loading')}</p>}
      {settings && (
        <div className="webhooks">
          <form className="webhooks-card" onSubmit={(e) => void save(e)} aria-labelledby={`${id}-title`} noValidate>
            <h2 id={`${id}-title`}>{t('webhooks.postTitle')}</h2>
            <p className="webhooks-hint">{t('webhooks.postHint')}</p>
            <div className="webhooks-row">
              <label className="webhooks-url">
                <span>{t('webhooks.url')}</span>
                <input
                  type="url"
                  value={form.url}
                  placeholder={t('webhooks.urlPlaceholder')}
                  aria-invalid={errors.url ? true : undefined}
                  aria-describedby={errors.url ? fieldErrorId(`${id}-url`) : undefined}
                  onChange={(e) => setForm((f) => ({ ...f, url: e.target.value }))}
                />
              </label>
              <label className="webhooks-method">
                <span>{t('webhooks.method')}</span>
                <select value={form.method} onChange={(e) => setForm((f) => ({ ...f, method: e.target.value === 'GET' ? 'GET' : 'POST' }))}>
                  {METHODS.map((m) => (
                    <option key={m} value={m}>
                      {m}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <FieldError id={`${id}-url`} message={errors.url} />
            <fieldset className="webhooks-filters" aria-describedby={errors.filters ? fieldErrorId(`${id}-filters`) : undefined}>
              <legend>{t('webhooks.events')}</legend>
              {POST_EVENT_FILTERS.map((filter) => (
                <label key={filter} className="webhooks-filter">
                  <input type="checkbox" checked={form.filters.includes(filter)} onChange={(e) => toggle(filter, e.target.checked)} />
                  <span className="webhooks-filter-name">{filter}</span>
                  <span className="webhooks-filter-text">{t(`webhooks.filter.${filter}`)}</span>
                </label>
              ))}
            </fieldset>
            <FieldError id={`${id}-filters`} message={errors.filters} />
            {settings.preWebhookUrl && <p className="webhooks-hint">{t('webhooks.preUrl', { url: settings.preWebhookUrl })}</p>}
            <FieldError id={`${id}-form`} message={errors._} />
            <div className="webhooks-actions">
              <button type="submit" className="primary" disabled={busy !== null}>
                {busy === 'save' ? t('webhooks.saving') : t('webhooks.save')}
              </button>
              <button type="button" disabled={busy !== null || !settings.canSign} onClick={() => void test()}>
                {busy === 'test' ? t('webhooks.testing') : t('webhooks.test')}
              </button>
            </div>
            <div role="status" className="webhooks-status">
              {status}
              {result && <TestOutcome result={result} url={form.url.trim()} />}
            </div>
          </form>

          <section className="webhooks-card" aria-labelledby={`${id}-signing`}>
            <h2 id={`${id}-signing`}>{t('webhooks.signingTitle')}</h2>
            {settings.local ? (
              <p className="webhooks-hint">{t('webhooks.signingLocal')}</p>
            ) : settings.canSign ? (
              <p className="webhooks-hint">{t('webhooks.signingHeld')}</p>
            ) : (
              <form onSubmit={(e) => void saveToken(e)} noValidate>
                <p className="webhooks-hint">{t('webhooks.signingNeeded')}</p>
                <div className="webhooks-row">
                  <label className="webhooks-url">
                    <span>{t('webhooks.authToken')}</span>
                    <input
                      type="password"
                      autoComplete="off"
                      value={token}
                      aria-invalid={errors.token ? true : undefined}
                      aria-describedby={errors.token ? fieldErrorId(`${id}-token`) : undefined}
                      onChange={(e) => setToken(e.target.value)}
                    />
                  </label>
                  <button type="submit" disabled={busy !== null}>
                    {t('webhooks.saveToken')}
                  </button>
                </div>
                <FieldError id={`${id}-token`} message={errors.token} />
              </form>
            )}
          </section>

          <WebhookDeliveries local={settings.local} />
        </div>
      )}
    </ToolScreen>
  );
}

function TestOutcome({ result, url }: { result: WebhookTestResult; url: string }) {
  const { t } = useTranslation();
  let host = url;
  try {
    host = new URL(url).host;
  } catch {
    // Shown as typed.
  }
  const ms = result.durationMs;
  const text =
    result.outcome === 'answered'
      ? t(result.status !== null && result.status >= 200 && result.status < 300 ? 'webhooks.result.ok' : 'webhooks.result.http', { status: result.status, ms })
      : result.outcome === 'timeout'
        ? t('webhooks.result.timeout', { ms })
        : result.outcome === 'refused'
          ? t('webhooks.result.refused', { host, ms })
          : t('webhooks.result.unreachable', { host, detail: result.detail ?? '' });
  const good = result.outcome === 'answered' && result.status !== null && result.status < 300;
  return <p className={good ? 'webhooks-result good' : 'webhooks-result bad'}>{text}</p>;
}
