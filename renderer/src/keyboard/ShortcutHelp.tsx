/** `?`: every shortcut of the desk, grouped, rendered from the one map (keyboard/shortcuts.ts). */
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../components/common/Dialog';
import { GROUP_LABEL, keyCaps, SHORTCUT_GROUPS, shortcutsFor } from './shortcuts';
import './keyboard.css';

export function ShortcutHelp({ platform, onClose }: { platform: string; onClose: () => void }) {
  const { t } = useTranslation();
  const all = shortcutsFor(platform);
  return (
    <Dialog title={t('shortcuts.title')} onClose={onClose}>
      <div className="shortcut-help">
        {SHORTCUT_GROUPS.map((group) => (
          <section key={group} aria-labelledby={`shortcuts-${group}`}>
            <h3 id={`shortcuts-${group}`}>{t(GROUP_LABEL[group])}</h3>
            <dl>
              {all
                .filter((s) => s.group === group)
                .map((s) => (
                  <div key={s.id} className="shortcut-row" data-shortcut={s.id}>
                    <dt>
                      {t(s.label)}
                      {s.source === 'menu' && <span className="shortcut-note">{t('shortcuts.desktopOnly')}</span>}
                    </dt>
                    <dd>
                      {s.keys.map((k, i) => (
                        <Fragment key={k}>
                          {i > 0 && <span className="shortcut-or">{t('shortcuts.or')}</span>}
                          <span className="shortcut-keys">
                            {keyCaps(k, platform).map((cap) => (
                              <kbd key={cap}>{cap}</kbd>
                            ))}
                          </span>
                        </Fragment>
                      ))}
                    </dd>
                  </div>
                ))}
            </dl>
          </section>
        ))}
        <p className="shortcut-footnote">{t('shortcuts.typingNote')}</p>
        <div className="dialog-actions">
          <button type="button" className="primary" onClick={onClose}>
            {t('common.done')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
