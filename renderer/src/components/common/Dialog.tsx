/** Modal shell: labelled, closes on Escape or backdrop click, focuses its first field, keeps Tab inside. */
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useLatest } from '../../hooks/useLatest';
import { useTranslation } from 'react-i18next';
import { Icon } from './Icon';
import '../dialogs/dialogs.css';

const FOCUSABLE = 'input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), a[href]';

export function Dialog({
  title,
  onClose,
  children,
  role = 'dialog',
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  role?: 'dialog' | 'alertdialog';
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const latestClose = useLatest(onClose);

  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    // First form field if any, else the last button (the main action of a confirmation).
    const root = ref.current;
    const field = root?.querySelector<HTMLElement>('.dialog-form input, .dialog-form select, .dialog-form textarea');
    const buttons = root ? [...root.querySelectorAll<HTMLElement>('.dialog-actions button')] : [];
    (field ?? buttons[buttons.length - 1] ?? root?.querySelector<HTMLElement>(FOCUSABLE))?.focus();
    const onKey = (e: globalThis.KeyboardEvent) => e.key === 'Escape' && latestClose.current();
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      // Give focus back to whatever opened the dialog.
      if (before?.isConnected) before.focus();
    };
  }, [latestClose]);

  const trapTab = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Tab' || !ref.current) return;
    const all = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = all[0];
    const last = all[all.length - 1];
    if (!first || !last) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={ref} className="dialog" role={role} aria-modal="true" aria-labelledby={titleId} onKeyDown={trapTab}>
        <header className="dialog-header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="ghost icon" aria-label={t('dialog.close')} onClick={onClose}>
            <Icon name="close" />
          </button>
        </header>
        {children}
      </div>
    </div>
  );
}
