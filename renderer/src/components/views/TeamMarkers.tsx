/** An inbox row's team line: who has the conversation and, while snoozed, until when. */
import { memo } from 'react';
import { useDeskStore } from '../../store';
import { selectTeamInfo } from '../../store/team-slice';
import { Avatar } from '../common/Avatar';
import { i18n } from '../../i18n';
import { formatClock, sameDay } from '../common/format';
import { useRowT } from '../common/row-t';

/** A wake-up time, which lies ahead: "09:00" today, "2 Jan 09:00" later. */
export function wakeTime(t: number, now = Date.now()): string {
  if (sameDay(t, now)) return formatClock(t);
  return `${new Intl.DateTimeFormat(i18n.language, { day: 'numeric', month: 'short' }).format(t)} ${formatClock(t)}`;
}

export const TeamMarkers = memo(function TeamMarkers({ sid }: { sid: string }) {
  const t = useRowT();
  const info = useDeskStore((s) => selectTeamInfo(s, sid));
  const me = useDeskStore((s) => s.session?.identity ?? null);
  if (!info) return null;
  const snoozed = info.state === 'inactive' && info.snoozedUntil !== null;
  if (!info.assignee && !snoozed) return null;
  return (
    <span className="team-markers">
      {snoozed && info.snoozedUntil !== null && (
        <span className="snoozed-until" title={t('views.snoozedUntil', { time: new Date(info.snoozedUntil).toLocaleString(i18n.language) })}>
          {/* The chip's colour says snoozed (its title and the row's name say it in words): the time gets the room. */}
          {wakeTime(info.snoozedUntil)}
        </span>
      )}
      {info.assignee && (
        <span className="assignee" title={t('views.assignedTo', { name: info.assignee })}>
          <Avatar name={info.assignee} size={16} />
          <span className="assignee-name">{info.assignee === me ? t('common.you') : info.assignee}</span>
        </span>
      )}
    </span>
  );
});

/** The same facts in words, for a row's accessible name. */
export function useTeamLabel(sid: string): string | null {
  const t = useRowT();
  const info = useDeskStore((s) => selectTeamInfo(s, sid));
  const me = useDeskStore((s) => s.session?.identity ?? null);
  if (!info) return null;
  const parts: string[] = [];
  if (info.state === 'inactive' && info.snoozedUntil !== null) parts.push(t('views.snoozedShort', { time: wakeTime(info.snoozedUntil) }));
  if (info.assignee) parts.push(t('views.assignedTo', { name: info.assignee === me ? t('common.you') : info.assignee }));
  if (info.state === 'closed') parts.push(t('views.resolvedState'));
  return parts.length > 0 ? parts.join(', ') : null;
}
