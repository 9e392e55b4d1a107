/** Desktop preferences kept by main (notifications, tray, language, clock) and the diagnostics export. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../shared/ipc/contract';
import { CLOCK_SETTINGS, LANGUAGE_NAMES, LANGUAGES, type ClockSetting, type LanguageSetting } from '../../../../shared/i18n/languages';
import { applySettings, systemLanguage } from '../../i18n/locale-sync';
import { getDesk } from '../../platform/desk';
import { CannedSettings } from '../canned/CannedSettings';
import { DisplayNameSettings } from '../display-name/DisplayNameSettings';
import { Dialog } from '../common/Dialog';
import { ApiHealthLine } from '../team/ApiHealthLine';
import { formatClock } from '../common/format';

type Toggle = 'notifications' | 'hideContent' | 'sound' | 'doNotDisturb' | 'closeToTray';

const OPTIONS = [
  { key: 'notifications', label: 'settings.notifications', hint: 'settings.notificationsHint' },
  { key: 'hideContent', label: 'settings.hideContent', hint: 'settings.hideContentHint' },
  { key: 'sound', label: 'settings.sound', hint: null },
  { key: 'doNotDisturb', label: 'settings.doNotDisturb', hint: 'settings.doNotDisturbHint' },
  { key: 'closeToTray', label: 'settings.closeToTray', hint: 'settings.closeToTrayHint' },
] as const satisfies ReadonlyArray<{ key: Toggle; label: string; hint: string | null }>;

const CLOCK_LABEL = { system: 'settings.clockSystem', '12h': 'settings.clock12', '24h': 'settings.clock24' } as const;

/** 14:05 today: the example beside each clock choice. */
const exampleTime = () => new Date().setHours(14, 5, 0, 0);

export function SettingsPanel({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
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

  const change = async <K extends keyof Settings>(key: K, value: Settings[K]) => {
    setSettings((s) => (s ? { ...s, [key]: value } : s));
    const r = await getDesk().updateSettings({ [key]: value });
    if (r.ok) {
      setSettings(r.value);
      // The window follows at once; main's settings:changed event says the same a moment later.
      if (key === 'language' || key === 'clock') applySettings(r.value);
    } else setStatus(r.error.message);
  };

  const exportDiagnostics = async () => {
    setStatus(t('settings.preparingDiagnostics'));
    const r = await getDesk().exportDiagnostics();
    if (!r.ok) setStatus(r.error.message);
    else setStatus(r.value.saved ? t('settings.diagnosticsSaved', { path: r.value.path ?? t('settings.diagnosticsChosenFile') }) : null);
  };

  const example = exampleTime();
  return (
    <Dialog title={t('settings.title')} onClose={onClose}>
      <div className="dialog-form settings-panel">
        <DisplayNameSettings />
        <fieldset disabled={settings === null}>
          <legend>{t('settings.notificationsLegend')}</legend>
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
                {t(label)}
              </label>
              {hint && (
                <p id={`setting-${key}-hint`} className="setting-hint">
                  {t(hint)}
                </p>
              )}
            </div>
          ))}
        </fieldset>
        <fieldset disabled={settings === null} className="setting-choices">
          <legend>{t('settings.languageLegend')}</legend>
          <label className="field">
            <span>{t('settings.language')}</span>
            <select name="language" value={settings?.language ?? 'system'} onChange={(e) => void change('language', e.target.value as LanguageSetting)}>
              <option value="system">{t('settings.languageSystem', { language: LANGUAGE_NAMES[systemLanguage()] })}</option>
              {LANGUAGES.map((code) => (
                <option key={code} value={code} lang={code}>
                  {LANGUAGE_NAMES[code]}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('settings.clock')}</span>
            <select name="clock" value={settings?.clock ?? 'system'} onChange={(e) => void change('clock', e.target.value as ClockSetting)}>
              {CLOCK_SETTINGS.map((clock) => (
                <option key={clock} value={clock}>
                  {t(CLOCK_LABEL[clock], { example: formatClock(example, clock) })}
                </option>
              ))}
            </select>
          </label>
        </fieldset>
        <ApiHealthLine />
        <CannedSettings />
        <fieldset>
          <legend>{t('settings.troubleshootingLegend')}</legend>
          <p className="setting-hint">{t('settings.diagnosticsHint')}</p>
          <button type="button" onClick={() => void exportDiagnostics()}>
            {t('settings.exportDiagnostics')}
          </button>
        </fieldset>
        {status && (
          <p role="status" className="setting-status">
            {status}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="primary" onClick={onClose}>
            {t('common.done')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
