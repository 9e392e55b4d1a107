/**
 * Why a row is in the search result when its name does not say: the part of the message that
 * matched, with the matching words marked.
 */
import { useDeskStore } from '../../store';
import { selectTextHit } from '../../store/search-slice';
import { Icon } from '../common/Icon';
import { Marked } from '../common/Marked';
import './match-snippet.css';
import { useRowT } from '../common/row-t';

export function MatchSnippet({ sid }: { sid: string }) {
  const hit = useDeskStore((s) => selectTextHit(s, sid));
  if (!hit) return null;
  return (
    <span className="inbox-row-match">
      <Icon name="search" size={12} className="inbox-row-match-icon" />
      <span className="inbox-row-match-text">
        <Marked text={hit.snippet} ranges={hit.ranges} />
      </span>
    </span>
  );
}

/** The row's accessible name says it too: "…, message: <snippet>". */
export function useMatchLabel(sid: string): string | null {
  const t = useRowT();
  const snippet = useDeskStore((s) => selectTextHit(s, sid)?.snippet ?? null);
  return snippet === null ? null : t('inbox.matchedMessage', { text: snippet });
}
