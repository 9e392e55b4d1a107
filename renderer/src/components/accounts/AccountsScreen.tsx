/** Profiles: list, add, edit, test, remove, switch. The Local workspace is built in and fixed. */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskBridge, ProfileSummary } from '../../../../shared/ipc/contract';
import { getDesk } from '../../platform/desk';
import { useAppStore } from '../../store';
import { useWindowScope } from '../../session/context';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { Icon } from '../common/Icon';
import { ProfileForm } from './ProfileForm';
import './accounts.css';

export function AccountsScreen() {
  const { t } = useTranslation();
  const setScreen = useAppStore((s) => s.setScreen);
  const { switchTo } = useWindowScope();
  const [profiles, setProfiles] = useState<ProfileSummary[] | null>(null);
  const [editing, setEditing] = useState<ProfileSummary | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [removing, setRemoving] = useState<ProfileSummary | null>(null);

  const show = useCallback((r: Awaited<ReturnType<DeskBridge['listProfiles']>>) => {
    if (r.ok) setProfiles(r.value);
    else setError(r.error.message);
  }, []);
  const load = useCallback(async () => show(await getDesk().listProfiles()), [show]);
  useEffect(() => {
    // The list is read once on open; a late answer after the screen closed lands nowhere.
    let open = true;
    getDesk()
      .listProfiles()
      .then((r) => open && show(r))
      .catch((e: unknown) => open && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      open = false;
    };
  }, [show]);

  const activate = async (p: ProfileSummary) => {
    setBusy(p.id);
    setError(null);
    const r = await getDesk().activateProfile({ id: p.id });
    setBusy(null);
    if (!r.ok) return setError(t('accounts.switchFailed', { name: p.name, error: r.error.message }));
    void switchTo(r.value);
    await load();
    setScreen('inbox');
  };

  const remove = async (p: ProfileSummary): Promise<string | null> => {
    const r = await getDesk().removeProfile({ id: p.id });
    await load();
    return r.ok ? null : r.error.message;
  };

  return (
    <main className="accounts" aria-label={t('accounts.title')}>
      <header className="accounts-header">
        <button type="button" className="ghost with-icon" onClick={() => setScreen('inbox')}>
          <Icon name="back" size={16} />
          {t('accounts.back')}
        </button>
        <h1>{t('accounts.title')}</h1>
        {editing === null && (
          <button type="button" className="primary with-icon" onClick={() => setEditing('new')}>
            <Icon name="plus" size={16} />
            {t('accounts.add')}
          </button>
        )}
      </header>
      {editing === null && (
        <p className="accounts-intro">
          {t('accounts.intro')}
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {editing !== null ? (
        <ProfileForm
          profile={editing === 'new' ? null : editing}
          onDone={(saved) => {
            setEditing(null);
            if (saved) void load();
          }}
        />
      ) : profiles === null ? (
        <p role="status">{t('accounts.loading')}</p>
      ) : (
        <ul className="profile-list">
          {profiles.map((p) => (
            <li key={p.id} className={`profile${p.active ? ' active' : ''}`}>
              <div className="profile-main">
                <strong>{p.name}</strong>
                {p.active && <span className="pill">{t('accounts.active')}</span>}
                <span className="profile-detail">
                  {p.kind === 'local' ? t('accounts.localDetail') : t('accounts.keyDetail', { accountSid: p.accountSid ?? '', hint: p.secretHint ?? '—' })} · {p.identity}
                </span>
              </div>
              <div className="profile-actions">
                {!p.active && (
                  <button type="button" className="primary" disabled={busy !== null} aria-label={t('accounts.switchTo', { name: p.name })} onClick={() => void activate(p)}>
                    {busy === p.id ? t('accounts.switching') : t('accounts.switch')}
                  </button>
                )}
                {p.kind === 'twilio' && (
                  <>
                    <button type="button" aria-label={t('accounts.editNamed', { name: p.name })} onClick={() => setEditing(p)}>
                      {t('accounts.edit')}
                    </button>
                    <button type="button" className="danger" aria-label={t('accounts.removeNamed', { name: p.name })} onClick={() => setRemoving(p)}>
                      {t('common.remove')}
                    </button>
                  </>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {removing && (
        <ConfirmDialog
          title={t('accounts.removeTitle')}
          message={`${t('accounts.removeMessage', { name: removing.name })}${removing.active ? t('accounts.removeActiveNote') : ''}`}
          confirmLabel={t('common.remove')}
          onClose={() => setRemoving(null)}
          onConfirm={() => remove(removing)}
        />
      )}
    </main>
  );
}
