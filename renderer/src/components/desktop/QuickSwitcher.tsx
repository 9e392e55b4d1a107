/**
 * Ctrl/Cmd+K: type part of a name, identity or number, arrow to a conversation, Enter to open it.
 * A combobox with a listbox (WAI-ARIA pattern) so screen readers announce the active option.
 */
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore, useDeskStore } from '../../store';
import { activityTime, conversationTitle, matchesQuery } from '../../store/selectors';
import { Dialog } from '../common/Dialog';

const MAX_RESULTS = 50;

export function QuickSwitcher({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const { conversations, participants, select } = useDeskStore(
    useShallow((s) => ({ conversations: s.conversations, participants: s.participants, select: s.select })),
  );
  const setScreen = useAppStore((s) => s.setScreen);

  const results = useMemo(
    () =>
      [...conversations.values()]
        .filter((c) => matchesQuery(c, participants.get(c.sid) ?? [], query))
        .sort((a, b) => activityTime(b) - activityTime(a))
        .slice(0, MAX_RESULTS),
    [conversations, participants, query],
  );
  const current = Math.min(active, Math.max(0, results.length - 1));

  const open = (sid: string) => {
    setScreen('inbox');
    select(sid);
    onClose();
  };

  return (
    <Dialog title={t('switcher.title')} onClose={onClose}>
      <div className="dialog-form quick-switcher">
        <label htmlFor={`${id}-q`} className="visually-hidden">
          {t('switcher.search')}
        </label>
        <input
          id={`${id}-q`}
          role="combobox"
          aria-expanded="true"
          aria-controls={`${id}-list`}
          aria-autocomplete="list"
          aria-activedescendant={results[current] ? `${id}-${results[current].sid}` : undefined}
          placeholder={t('switcher.placeholder')}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') setActive(Math.min(current + 1, results.length - 1));
            else if (e.key === 'ArrowUp') setActive(Math.max(current - 1, 0));
            else if (e.key === 'Enter' && results[current]) open(results[current].sid);
            else return;
            e.preventDefault();
          }}
        />
        <ul id={`${id}-list`} role="listbox" aria-label={t('switcher.list')} className="switcher-list">
          {results.map((c, i) => (
            <li
              key={c.sid}
              id={`${id}-${c.sid}`}
              role="option"
              aria-selected={i === current}
              className={i === current ? 'active' : undefined}
              onMouseMove={() => setActive(i)}
              onClick={() => open(c.sid)}
            >
              <span className="switcher-title">{conversationTitle(c)}</span>
              {c.unreadCount > 0 && <span className="switcher-unread">{t('common.unreadCount', { count: c.unreadCount })}</span>}
            </li>
          ))}
          {results.length === 0 && <li className="switcher-empty">{t('switcher.noMatch', { query })}</li>}
        </ul>
      </div>
    </Dialog>
  );
}
