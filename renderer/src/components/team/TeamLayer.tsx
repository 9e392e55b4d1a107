/**
 * What the conversation actions add to the window: the single-key shortcuts (a, e, h, z, u, ?),
 * the toasts, and the `?` overlay. Shortcuts act on the conversation open in the thread.
 */
import { useTranslation } from 'react-i18next';
import { ShortcutHelp } from '../../keyboard/ShortcutHelp';
import { useShortcuts } from '../../keyboard/useShortcuts';
import { getDesk, hasDesk } from '../../platform/desk';
import { useActions, useAppStore, useDeskStore, useDeskStoreApi } from '../../store';
import { selectTeamInfo } from '../../store/team-slice';
import { assignToMeCommand, resolveCommand } from './team-commands';
import { TeamToasts } from './TeamToasts';

/** The platform the desk runs on, for key caps (⌘ on macOS); the browser harness guesses from the user agent. */
function platform(): string {
  if (hasDesk()) return getDesk().platform;
  return /Mac/i.test(navigator.platform) ? 'darwin' : 'linux';
}

export function TeamLayer() {
  const { t } = useTranslation();
  const actions = useActions();
  const store = useDeskStoreApi();
  const onInbox = useAppStore((s) => s.screen === 'inbox');
  const helpOpen = useDeskStore((s) => s.shortcutHelpOpen);
  const toggleHelp = useDeskStore((s) => s.toggleShortcutHelp);

  /** The conversation open in the thread, when there is one and it is not resolved. */
  const openSid = (): string | null => {
    const s = store.getState();
    const sid = s.selectedSid;
    if (sid === null || !s.conversations.has(sid) || s.resolving.has(sid)) return null;
    return selectTeamInfo(s, sid)?.state === 'closed' ? null : sid;
  };

  useShortcuts(
    {
      'assign-to-me': () => {
        const sid = openSid();
        const s = store.getState();
        if (sid && selectTeamInfo(s, sid)?.assignee !== s.session?.identity) void assignToMeCommand({ actions, store }, sid);
      },
      resolve: () => {
        const sid = openSid();
        if (sid) resolveCommand({ actions, store }, sid);
      },
      snooze: () => {
        const sid = openSid();
        if (sid && selectTeamInfo(store.getState(), sid)?.state === 'active') store.getState().setTeamMenu({ kind: 'snooze', sid });
      },
      'undo-resolve': () => {
        const last = store.getState().teamToasts.findLast((toast) => toast.kind === 'undo');
        if (last?.kind === 'undo') actions.undoResolve(last.sid);
      },
      'next-unread': () => {
        const next = actions.nextUnread();
        if (next) store.getState().select(next);
        else store.getState().pushTeamToast({ kind: 'notice', text: t('teamActions.noUnread') });
      },
      help: () => toggleHelp(true),
    },
    onInbox,
  );

  return (
    <>
      <TeamToasts />
      {helpOpen && <ShortcutHelp platform={platform()} onClose={() => toggleHelp(false)} />}
    </>
  );
}
