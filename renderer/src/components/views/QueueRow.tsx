/**
 * A row of the team queue the agent is not a participant of (main's REST read): no unread count or
 * preview, since only participants have those; opens read-only. Same look as InboxRow, and the
 * same context menu (its conversation actions).
 */
import { memo } from 'react';
import type { QueueRow as Row } from '../../../../shared/ipc/team-schema';
import { useDeskStore } from '../../store';
import { conversationTitle } from '../../store/selectors';
import { Avatar } from '../common/Avatar';
import { ChannelIcon } from '../common/ChannelBadge';
import { CampaignTag } from '../campaigns/CampaignTag';
import { formatListTime, displayAuthor } from '../common/format';
import { useRowMenu } from '../unread/RowMenu';
import { TeamMarkers, useTeamLabel } from './TeamMarkers';
import { MatchSnippet, useMatchLabel } from '../inbox/MatchSnippet';
import { useRowT } from '../common/row-t';

export function queueRowTitle(row: Row): string {
  return labels(row).title;
}

// Formatting a phone number parses it (libphonenumber): measured as the largest part of a row's
// render while typing over 100,000 rows. Rows are immutable, so each is formatted once.
const rowLabels = new WeakMap<Row, { title: string; customer: string | null }>();
function labels(row: Row): { title: string; customer: string | null } {
  let l = rowLabels.get(row);
  if (!l) {
    const customer = row.customer ? displayAuthor(row.customer, null) : null;
    const title = !row.friendlyName?.trim() && !row.uniqueName?.trim() && customer !== null ? customer : conversationTitle(row);
    l = { title, customer };
    rowLabels.set(row, l);
  }
  return l;
}

export const QueueRow = memo(function QueueRow({ sid, onOpen }: { sid: string; onOpen: (sid: string) => void }) {
  const t = useRowT();
  const row = useDeskStore((s) => s.queue.rows.get(sid));
  const selected = useDeskStore((s) => s.teamViewSid === sid);
  const team = useTeamLabel(sid);
  const rowMenu = useRowMenu(sid);
  const match = useMatchLabel(sid);
  if (!row) return null;
  const { title, customer } = labels(row);
  const channel = row.channel === 'unknown' ? null : row.channel;
  const label = [title, channel ? t(`channel.${channel}`) : null, team, match].filter(Boolean).join(', ');
  return (
    <button
      type="button"
      className={`inbox-row queue-row${selected ? ' selected' : ''}`}
      data-inbox-sid={sid}
      aria-label={label}
      aria-current={selected ? 'true' : undefined}
      onClick={() => onOpen(sid)}
      onContextMenu={rowMenu.onContextMenu}
      onKeyDown={rowMenu.onKeyDown}
    >
      <Avatar name={title} />
      <span className="inbox-row-main">
        <span className="inbox-row-top">
          <span className="inbox-row-name">{title}</span>
          {channel && <ChannelIcon channel={channel} />}
          {row.campaign && <CampaignTag name={row.campaign} />}
          <span className="inbox-row-time">{formatListTime(row.dateUpdated)}</span>
        </span>
        <span className="inbox-row-bottom">
          <span className="inbox-row-preview">{customer !== null && title !== customer ? customer : t(`views.stateName.${row.state}`)}</span>
          <TeamMarkers sid={sid} />
        </span>
        <MatchSnippet sid={sid} />
      </span>
      {rowMenu.menu}
    </button>
  );
});
