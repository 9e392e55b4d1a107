/**
 * The six reactions of Twilio's demo app in a small panel: arrow keys move between them, Enter or
 * a click toggles one and closes the panel, Escape closes it and gives focus back to its button.
 */
import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { hasReacted, REACTION_EMOJI, REACTION_KEYS, type ReactionKey, type Reactions } from '../../sdk/reactions';
import { Popover } from '../team/Popover';
import './reactions.css';

interface Props {
  reactions: Reactions | undefined;
  me: string | null;
  onPick: (key: ReactionKey) => void;
  onClose: () => void;
}

const STEP: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

export function ReactionPicker({ reactions, me, onPick, onClose }: Props) {
  const { t } = useTranslation();
  const row = useRef<HTMLDivElement>(null);
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const buttons = [...(row.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    let next: number | null = null;
    if (e.key in STEP) next = (at + STEP[e.key]! + buttons.length) % buttons.length;
    if (e.key === 'Home') next = 0;
    if (e.key === 'End') next = buttons.length - 1;
    if (next === null) return;
    e.preventDefault();
    buttons[next]?.focus();
  };
  return (
    <Popover label={t('reactions.pickerLabel')} onClose={onClose} className="reaction-picker">
      <div ref={row} className="reaction-picker-row" onKeyDown={onKey}>
        {REACTION_KEYS.map((key) => {
          const mine = hasReacted(reactions, key, me);
          return (
            <button
              key={key}
              type="button"
              className={`reaction-option${mine ? ' mine' : ''}`}
              aria-pressed={mine}
              aria-label={t(`reactions.names.${key}`)}
              title={t(`reactions.names.${key}`)}
              onClick={() => {
                onPick(key);
                onClose();
              }}
            >
              <span aria-hidden="true">{REACTION_EMOJI[key]}</span>
            </button>
          );
        })}
      </div>
    </Popover>
  );
}
