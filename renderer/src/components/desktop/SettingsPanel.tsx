/** Desktop preferences kept by main (notifications, tray) and the diagnostics export. */
import { useEffect, useState } from 'react';
import type { Settings } from '../../../../shared/ipc/contract';
import { getDesk } from '../../platform/desk';
import { Dialog } from '../common/Dialog';

const OPTIONS: Array<{ key: keyof Settings; label: string; hint: string }> = [
  { key: 'notifications', label: 'Show notifications for new messages', hint: 'For conversations you are not looking at.' },
  { key: 'hideContent', label: 'Hide message content in notifications', hint: 'Shows “New message” without the sender or text.' },
  { key: 'sound', label: 'Play a sound with notifications', hint: '' },
  { key: 'doNotDisturb', label: 'Do not disturb', hint: 'No notifications and no flashing; unread counts still update.' },
  { key: 'closeToTray', label: 'Keep running in the tray when the window is closed', hint: 'Windows and Linux; on macOS closing always keeps the app running.' },
];

export function SettingsPanel({ onClose }: { onClose: () => void }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  useEffect(() => {
    const desk = getDesk();
    let live = true;
    desk
      .getSettings()
      .then((r) => {
        if (!live) return;
        if (r.ok) setSettings(r.value);
        else setStatus(r.error.message);
      })
      .catch(() => undefined);
    // Another window (or the menu) may change them while this panel is open.
    const off = desk.onSettingsChanged(({ settings: next }) => setSettings(next));
    return () => {
      live = false;
      off();
    };
  }, []);

  const change = async (key: keyof Settings, value: boolean) => {
    setSettings((s) => (s ? { ...s, [key]: value } : s));
    const r = await getDesk().updateSettings({ [key]: value });
    if (r.ok) setSettings(r.value);
    else setStatus(r.error.message);
  };

  const exportDiagnostics = async () => {
    setStatus('Preparing diagnostics…');
    const r = await getDesk().exportDiagnostics();
    if (!r.ok) setStatus(r.error.message);
    else setStatus(r.value.saved ? `Diagnostics saved to ${r.value.path ?? 'the chosen file'}.` : null);
  };

  return (
    <Dialog title="Settings" onClose={onClose}>
      <div className="dialog-form settings-panel">
        <fieldset disabled={settings === null}>
          <legend>Notifications and window</legend>
          {OPTIONS.map(({ key, label, hint }) => (
            <div className="setting" key={key}>
              <label>
                <input
                  type="checkbox"
                  name={key}
                  checked={settings?.[key] ?? false}
                  aria-describedby={hint ? `setting-${key}-hint` : undefined}
                  onChange={(e) => void change(key, e.target.checked)}
                />
                {label}
              </label>
              {hint && (
                <p id={`setting-${key}-hint`} className="setting-hint">
                  {hint}
                </p>
              )}
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>Troubleshooting</legend>
          <p className="setting-hint">A text file with the app version, settings, profiles (without secrets) and the recent log.</p>
          <button type="button" onClick={() => void exportDiagnostics()}>
            Export diagnostics…
          </button>
        </fieldset>
        {status && (
          <p role="status" className="setting-status">
            {status}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="primary" onClick={onClose}>
            Done
          </button>
        </div>
      </div>
    </Dialog>
  );
}
