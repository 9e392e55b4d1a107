/**
 * What the conversation actions add to the window: the single-key shortcuts (a, e, h, z, u, ?),
 * the toasts, and the `?` overlay. Shortcuts act on the conversation in focus (keyboard/inbox-keys):
 * the list's cursor or the one open, read-only queue conversations included.
 */
import { useTranslation } from 'react-i18next';
import { ShortcutHelp } from '../../keyboard/ShortcutHelp';
import { conversationInFocus, openInboxRow, openNextUnread } from '../../keyboard/inbox-keys';
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

  /**
   * The conversation a shortcut acts on: the list's cursor, else the one open (the agent's own or
   * a read-only one from the queue). None while it is being resolved or once it is resolved.
   */
  const focusSid = (): string | null => {
    const s = store.getState();
    const sid = conversationInFocus(s);
    if (sid === null || s.resolving.has(sid)) return null;
    const info = selectTeamInfo(s, sid);
    return info && info.state !== 'closed' ? sid : null;
  };

  useShortcuts(
    {
      'assign-to-me': () => {
        const sid = focusSid();
        const s = store.getState();
        if (sid && selectTeamInfo(s, sid)?.assignee !== s.session?.identity) void assignToMeCommand({ actions, store }, sid);
      },
      resolve: () => {
        const sid = focusSid();
        if (sid) resolveCommand({ actions, store }, sid);
      },
      snooze: () => {
        const sid = focusSid();
        if (!sid || selectTeamInfo(store.getState(), sid)?.state !== 'active') return;
        // The picker opens under the header's Snooze button: open the conversation it is for first.
        const s = store.getState();
        if (s.selectedSid !== sid && s.teamViewSid !== sid) openInboxRow(store, sid);
        store.getState().setTeamMenu({ kind: 'snooze', sid });
      },
      'undo-resolve': () => {
        const last = store.getState().teamToasts.findLast((toast) => toast.kind === 'undo');
        if (last?.kind === 'undo') actions.undoResolve(last.sid);
      },
      'next-unread': () => {
        if (openNextUnread(store) === null) store.getState().pushTeamToast({ kind: 'notice', text: t('teamActions.noUnread') });
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
