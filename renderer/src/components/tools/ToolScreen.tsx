/**
 * The frame every team tool (segments, campaigns, analytics, webhooks) draws in: back to the inbox,
 * the tool's title and actions, and tabs between the tools, so a lead moves from a segment to the
 * campaign that uses it without going through the inbox. Escape goes back, as on the accounts screen.
 */
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store';
import { TOOL_SCREENS, type ToolScreen as Tool } from '../../store/app-store';
import { Icon } from '../common/Icon';
import './tools.css';

export function ToolScreen({ tool, actions, children }: { tool: Tool; actions?: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  const setScreen = useAppStore((s) => s.setScreen);
  const title = t(`tools.${tool}`);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // Only when nothing else took the key: a dialog or a menu closes itself first.
      if (e.key === 'Escape' && !e.defaultPrevented && document.querySelector('[role="dialog"], [role="menu"]') === null) setScreen('inbox');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setScreen]);

  return (
    <main className="tool-screen" aria-label={title}>
      <header className="tool-header">
        <button type="button" className="ghost with-icon" onClick={() => setScreen('inbox')}>
          <Icon name="back" size={16} />
          {t('tools.back')}
        </button>
        <h1>{title}</h1>
        {actions && <div className="tool-actions">{actions}</div>}
      </header>
      <nav className="tool-tabs" aria-label={t('tools.title')}>
        {TOOL_SCREENS.map((name) => (
          <button key={name} type="button" className="tool-tab" aria-current={name === tool ? 'page' : undefined} onClick={() => setScreen(name)}>
            {t(`tools.${name}`)}
          </button>
        ))}
      </nav>
      <div className="tool-body">{children}</div>
    </main>
  );
}
