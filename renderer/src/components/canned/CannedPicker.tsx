/** The list the composer's `/` opens: canned responses whose names match what follows the slash. */
import { useTranslation } from 'react-i18next';
import type { CannedResponse } from '../../../../shared/ipc/team-schema';
import './canned.css';

interface Props {
  id: string;
  query: string;
  matches: readonly CannedResponse[];
  activeIndex: number;
  hasAny: boolean;
  error: string | null;
  onPick: (item: CannedResponse) => void;
  onHover: (index: number) => void;
}

export const cannedOptionId = (listId: string, index: number) => `${listId}-${index}`;

export function CannedPicker({ id, query, matches, activeIndex, hasAny, error, onPick, onHover }: Props) {
  const { t } = useTranslation();
  return (
    <div className="canned-picker">
      {matches.length > 0 ? (
        <ul id={id} role="listbox" aria-label={t('canned.pickerLabel')}>
          {matches.map((item, i) => (
            <li
              key={item.id}
              id={cannedOptionId(id, i)}
              role="option"
              aria-selected={i === activeIndex}
              className={i === activeIndex ? 'active' : undefined}
              // mousedown, not click: the textarea keeps the focus (and its caret).
              onMouseDown={(e) => {
                e.preventDefault();
                onPick(item);
              }}
              onMouseEnter={() => onHover(i)}
            >
              <span className="canned-name">/{item.name}</span>
              <span className="canned-body">{item.body}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="canned-empty" role="status">
          {error ?? (hasAny ? t('canned.noMatch', { query }) : t('canned.noneYet'))}
        </p>
      )}
      <p className="canned-keys" aria-hidden="true">
        {t('canned.pickerKeys')}
      </p>
    </div>
  );
}
