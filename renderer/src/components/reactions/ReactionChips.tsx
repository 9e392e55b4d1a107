/**
 * The reactions under a message, as chips with their counts ("🧡 2"). A chip says who reacted in
 * its accessible name and tooltip ("Heart: You and Ana Lima"), is pressed when the agent's own
 * reaction is among them, and toggles that reaction when clicked.
 */
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useDeskStore } from '../../store';
import { hasReacted, REACTION_EMOJI, REACTION_KEYS, type ReactionKey, type Reactions } from '../../sdk/reactions';
import { identityName } from '../common/names';
import { listFormat } from './list-format';
import './reactions.css';

interface Props {
  sid: string;
  reactions: Reactions;
  busy: boolean;
  onToggle: (key: ReactionKey) => void;
}

export function ReactionChips({ sid, reactions, busy, onToggle }: Props) {
  const { t, i18n } = useTranslation();
  const me = useDeskStore((s) => s.session?.identity ?? null);
  // Names, not identities: "You" first, then the roster's or the user's friendly name.
  const names = useDeskStore(
    useShallow((s) =>
      REACTION_KEYS.map((key) => {
        const who = reactions[key] ?? [];
        const mine = me !== null && who.includes(me);
        const others = who.filter((w) => w !== me).map((w) => identityName(s, sid, w));
        return listFormat(i18n.language, mine ? [t('common.you'), ...others] : others);
      }),
    ),
  );
  return (
    <div className="reaction-chips" role="group" aria-label={t('reactions.groupLabel')}>
      {REACTION_KEYS.map((key, i) => {
        const count = reactions[key]?.length ?? 0;
        if (count === 0) return null;
        const label = t('reactions.chipLabel', { reaction: t(`reactions.names.${key}`), names: names[i], count });
        return (
          <button
            key={key}
            type="button"
            className={`reaction-chip${hasReacted(reactions, key, me) ? ' mine' : ''}`}
            aria-pressed={hasReacted(reactions, key, me)}
            aria-label={label}
            title={label}
            disabled={busy}
            onClick={() => onToggle(key)}
          >
            <span className="reaction-emoji" aria-hidden="true">
              {REACTION_EMOJI[key]}
            </span>
            <span className="reaction-count" aria-hidden="true">
              {count}
            </span>
          </button>
        );
      })}
    </div>
  );
}
