/**
 * The thread header's team actions: who has the conversation (a button that opens Assign to… /
 * Transfer to…), Assign to me, Snooze or Reopen, Resolve. A resolved conversation shows only that
 * it is resolved: Twilio's closed is final.
 */
import { useTranslation } from 'react-i18next';
import { useActions, useDeskStore, useDeskStoreApi } from '../../store';
import { selectTeamInfo } from '../../store/team-slice';
import { Icon } from '../common/Icon';
import { AssignPicker } from './AssignPicker';
import { SnoozePicker } from './SnoozePicker';
import { formatWakeUp } from './snooze-times';
import { assignCommand, assignToMeCommand, reopenCommand, resolveCommand, snoozeCommand } from './team-commands';
import './team.css';

export function TeamActions({ sid }: { sid: string }) {
  const { t } = useTranslation();
  const actions = useActions();
  const store = useDeskStoreApi();
  const ctx = { actions, store };
  const info = useDeskStore((s) => selectTeamInfo(s, sid));
  const me = useDeskStore((s) => s.session?.identity ?? null);
  const busy = useDeskStore((s) => s.teamBusy.get(sid) ?? null);
  const menu = useDeskStore((s) => (s.teamMenu?.sid === sid ? s.teamMenu.kind : null));
  const assigneeName = useDeskStore((s) => {
    const a = selectTeamInfo(s, sid)?.assignee;
    return a ? (s.userNames.get(a) ?? a) : null;
  });
  const setMenu = useDeskStore((s) => s.setTeamMenu);
  if (!info) return null;
  const { assignee, state } = info;
  const mine = assignee !== null && assignee === me;
  const closed = state === 'closed';
  const toggle = (kind: 'assign' | 'snooze') => setMenu(menu === kind ? null : { kind, sid });
  const close = () => setMenu(null);

  const who = assignee === null ? t('teamActions.unassigned') : mine ? t('teamActions.you') : (assigneeName ?? assignee);
  return (
    <div className="team-actions" role="group" aria-label={t('teamActions.actionsLabel')}>
      {/* Each picker opens under the button that opened it. */}
      <span className="team-anchor">
        <button
          type="button"
          className={`team-assignee${assignee === null ? ' unassigned' : ''}`}
          aria-haspopup="dialog"
          aria-expanded={menu === 'assign'}
          aria-label={assignee === null ? t('teamActions.assigneeNone') : t('teamActions.assigneeLabel', { name: mine ? t('teamActions.you') : (assigneeName ?? assignee) })}
          title={closed ? undefined : assignee === null ? t('teamActions.assignTitle') : t('teamActions.transferTitle')}
          disabled={closed}
          aria-busy={busy === 'assign'}
          onClick={() => toggle('assign')}
        >
          <Icon name="user" size={15} />
          <span className="team-assignee-name">{who}</span>
          {!closed && <Icon name="chevronDown" size={14} />}
        </button>
        {menu === 'assign' && !closed && (
          <AssignPicker
            assignee={assignee}
            busy={busy !== null}
            onClose={close}
            onPick={(identity) => {
              close();
              if (identity !== assignee) void assignCommand(ctx, sid, identity, assignee);
            }}
          />
        )}
      </span>
      {!closed && !mine && (
        <button type="button" className="small" disabled={busy !== null} aria-busy={busy === 'assign'} onClick={() => void assignToMeCommand(ctx, sid)}>
          {t('teamActions.assignToMe')}
        </button>
      )}
      {state === 'active' && (
        <span className="team-anchor">
          <button
            type="button"
            className="small with-icon"
            aria-haspopup="dialog"
            aria-expanded={menu === 'snooze'}
            disabled={busy !== null}
            aria-busy={busy === 'snooze'}
            onClick={() => toggle('snooze')}
          >
            <Icon name="clock" size={15} />
            {t('teamActions.snooze')}
          </button>
          {menu === 'snooze' && (
            <SnoozePicker
              busy={busy !== null}
              onClose={close}
              onPick={(until) => {
                // A failure is told in a toast (snoozeCommand), like every other action's.
                close();
                void snoozeCommand(ctx, sid, until);
              }}
            />
          )}
        </span>
      )}
      {state === 'inactive' && (
        <>
          <span className="team-chip snoozed">{info.snoozedUntil !== null ? t('teamActions.snoozedUntil', { when: formatWakeUp(info.snoozedUntil) }) : t('teamActions.snoozed')}</span>
          <button type="button" className="small" disabled={busy !== null} aria-busy={busy === 'reopen'} onClick={() => void reopenCommand(ctx, sid)}>
            {t('teamActions.reopen')}
          </button>
        </>
      )}
      {closed ? (
        <span className="team-chip resolved">
          <Icon name="check" size={14} />
          {t('teamActions.resolved')}
        </span>
      ) : (
        <button type="button" className="small primary with-icon" disabled={busy !== null} onClick={() => resolveCommand(ctx, sid)}>
          <Icon name="check" size={15} />
          {t('teamActions.resolve')}
        </button>
      )}
    </div>
  );
}
