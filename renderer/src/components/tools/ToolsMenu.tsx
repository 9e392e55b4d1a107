/**
 * The inbox header's Team tools button: a menu of the full-window tools (segments, campaigns,
 * analytics, webhooks) and, in the Local workspace, the customer simulator. Arrow keys move,
 * Escape closes and gives focus back to the button.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store';
import { TOOL_SCREENS } from '../../store/app-store';
import { Icon } from '../common/Icon';
import './tools.css';

export function ToolsMenu({ onSimulate }: { onSimulate?: () => void }) {
  const { t } = useTranslation();
  const setScreen = useAppStore((s) => s.setScreen);
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const away = (e: Event) => {
      if (!menu.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [open]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      items[(at + step + items.length) % items.length]?.focus();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setOpen(false);
      button.current?.focus();
    }
  };

  return (
    <div className="tools-menu-anchor">
      <button
        ref={button}
        type="button"
        className="ghost icon"
        aria-label={t('tools.title')}
        title={t('tools.title')}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        <Icon name="chart" />
      </button>
      {open && (
        <div ref={menu} className="tools-menu" role="menu" aria-label={t('tools.title')} onKeyDown={onKeyDown}>
          {TOOL_SCREENS.map((name) => (
            <button
              key={name}
              type="button"
              role="menuitem"
              onClick={() => {
                setOpen(false);
                setScreen(name);
              }}
            >
              {t(`tools.${name}`)}
            </button>
          ))}
          {onSimulate && (
            <>
              <div className="tools-menu-separator" role="separator" />
              <button
                type="button"
                role="menuitem"
                title={t('inbox.simulateHint')}
                onClick={() => {
                  setOpen(false);
                  onSimulate();
                }}
              >
                <Icon name="phone" size={16} />
                {t('inbox.simulateLabel')}
              </button>
            </>
          )}
        </div>
      )}
    </div>
  );
}
