/** Profiles: list, add, edit, test, remove, switch. The Local workspace is built in and fixed. */
import { useCallback, useEffect, useState } from 'react';
import type { ProfileSummary } from '../../../../shared/ipc/contract';
import { getDesk } from '../../platform/desk';
import { useAppStore } from '../../store';
import { useWindowScope } from '../../session/context';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { Icon } from '../common/Icon';
import { ProfileForm } from './ProfileForm';
import './accounts.css';

export function AccountsScreen() {
  const setScreen = useAppStore((s) => s.setScreen);
  const { switchTo } = useWindowScope();
  const [profiles, setProfiles] = useState<ProfileSummary[] | null>(null);
  const [editing, setEditing] = useState<ProfileSummary | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [removing, setRemoving] = useState<ProfileSummary | null>(null);

  const load = useCallback(async () => {
    const r = await getDesk().listProfiles();
    if (r.ok) setProfiles(r.value);
    else setError(r.error.message);
  }, []);
  useEffect(() => void load(), [load]);

  const activate = async (p: ProfileSummary) => {
    setBusy(p.id);
    setError(null);
    const r = await getDesk().activateProfile({ id: p.id });
    setBusy(null);
    if (!r.ok) return setError(`Couldn’t switch to “${p.name}”: ${r.error.message}`);
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
    <main className="accounts" aria-label="Accounts">
      <header className="accounts-header">
        <button type="button" className="ghost with-icon" onClick={() => setScreen('inbox')}>
          <Icon name="back" size={16} />
          Back to inbox
        </button>
        <h1>Accounts</h1>
        {editing === null && (
          <button type="button" className="primary with-icon" onClick={() => setEditing('new')}>
            <Icon name="plus" size={16} />
            Add account
          </button>
        )}
      </header>
      {editing === null && (
        <p className="accounts-intro">
          Each account is a Twilio Conversations service you answer as. API key secrets are encrypted with this computer’s key store
          and never shown again after you save them.
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
        <p role="status">Loading accounts…</p>
      ) : (
        <ul className="profile-list">
          {profiles.map((p) => (
            <li key={p.id} className={`profile${p.active ? ' active' : ''}`}>
              <div className="profile-main">
                <strong>{p.name}</strong>
                {p.active && <span className="pill">Active</span>}
                <span className="profile-detail">
                  {p.kind === 'local' ? 'Local workspace (offline emulator)' : `${p.accountSid ?? ''} · key ${p.secretHint ?? '—'}`} · {p.identity}
                </span>
              </div>
              <div className="profile-actions">
                {!p.active && (
                  <button type="button" className="primary" disabled={busy !== null} aria-label={`Switch to ${p.name}`} onClick={() => void activate(p)}>
                    {busy === p.id ? 'Switching…' : 'Switch'}
                  </button>
                )}
                {p.kind === 'twilio' && (
                  <>
                    <button type="button" aria-label={`Edit ${p.name}`} onClick={() => setEditing(p)}>
                      Edit
                    </button>
                    <button type="button" className="danger" aria-label={`Remove ${p.name}`} onClick={() => setRemoving(p)}>
                      Remove
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
          title="Remove account"
          message={`Remove “${removing.name}”? Its stored API key secret is deleted from this computer.${removing.active ? ' You will be switched to the Local workspace.' : ''}`}
          confirmLabel="Remove"
          onClose={() => setRemoving(null)}
          onConfirm={() => remove(removing)}
        />
      )}
    </main>
  );
}
