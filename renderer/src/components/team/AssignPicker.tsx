/**
 * Assign to… / Transfer to…: the service's agents (bridge teamAgents), filtered as the agent
 * types, arrows and Enter to choose (WAI-ARIA combobox + listbox, like the quick switcher), and
 * Unassign when someone has the conversation.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useActions, useDeskStore } from '../../store';
import { Popover } from './Popover';

type Agents = { state: 'loading' } | { state: 'ready'; identities: string[] } | { state: 'failed'; message: string };

export function AssignPicker({
  assignee,
  busy,
  onPick,
  onClose,
}: {
  /** Who has the conversation now (null: nobody): the title says Transfer, and Unassign is offered. */
  assignee: string | null;
  busy: boolean;
  onPick: (identity: string | null) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const { loadAgents } = useActions();
  const me = useDeskStore((s) => s.session?.identity ?? null);
  const userNames = useDeskStore((s) => s.userNames);
  const [agents, setAgents] = useState<Agents>({ state: 'loading' });
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);

  useEffect(() => {
    let live = true;
    void loadAgents().then((r) => {
      if (live) setAgents(r.ok ? { state: 'ready', identities: r.identities } : { state: 'failed', message: r.message });
    });
    return () => {
      live = false;
    };
  }, [loadAgents]);

  const nameOf = (identity: string) => userNames.get(identity) ?? identity;
  const results = useMemo(() => {
    if (agents.state !== 'ready') return [];
    const q = query.trim().toLowerCase();
    return agents.identities.filter((a) => q === '' || a.toLowerCase().includes(q) || (userNames.get(a) ?? '').toLowerCase().includes(q));
  }, [agents, query, userNames]);
  const current = Math.min(active, Math.max(0, results.length - 1));
  const title = assignee === null ? t('teamActions.assignTitle') : t('teamActions.transferTitle');

  return (
    <Popover label={title} onClose={onClose} className="assign-picker">
      <p className="team-popover-title" aria-hidden="true">
        {title}
      </p>
      <input
        role="combobox"
        aria-label={t('teamActions.agentSearch')}
        aria-expanded="true"
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={results[current] ? `${id}-${current}` : undefined}
        placeholder={t('teamActions.agentSearchPlaceholder')}
        value={query}
        disabled={busy}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive(Math.min(current + 1, results.length - 1));
          else if (e.key === 'ArrowUp') setActive(Math.max(current - 1, 0));
          else if (e.key === 'Enter' && results[current]) onPick(results[current]);
          else return;
          e.preventDefault();
        }}
      />
      <ul id={`${id}-list`} role="listbox" aria-label={t('teamActions.agents')} className="team-options agent-list">
        {results.map((identity, i) => (
          <li
            key={identity}
            id={`${id}-${i}`}
            role="option"
            aria-selected={i === current}
            aria-disabled={busy || identity === assignee}
            className={`team-option${i === current ? ' active' : ''}`}
            onMouseMove={() => setActive(i)}
            onClick={() => !busy && identity !== assignee && onPick(identity)}
          >
            <span>{identity === me ? t('teamActions.meOption', { name: nameOf(identity) }) : nameOf(identity)}</span>
            {identity === assignee && <span className="team-option-hint">{t('teamActions.current')}</span>}
            {identity !== assignee && nameOf(identity) !== identity && <span className="team-option-hint">{identity}</span>}
          </li>
        ))}
      </ul>
      {agents.state === 'loading' && (
        <p className="team-popover-note" role="status">
          {t('teamActions.agentsLoading')}
        </p>
      )}
      {agents.state === 'failed' && (
        <p className="inline-error" role="alert">
          {agents.message}
        </p>
      )}
      {agents.state === 'ready' && results.length === 0 && (
        <p className="team-popover-note">{agents.identities.length === 0 ? t('teamActions.noAgents') : t('teamActions.noAgentMatch', { query })}</p>
      )}
      {assignee !== null && (
        <button type="button" className="team-option unassign" disabled={busy} onClick={() => onPick(null)}>
          {t('teamActions.unassign')}
        </button>
      )}
    </Popover>
  );
}
