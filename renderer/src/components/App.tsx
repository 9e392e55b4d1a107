/** Three panes (inbox, thread, participants) under an always-visible connection banner. */
import { useAppStore, useDeskStore } from '../store';
import { useSession } from '../session/context';
import { useLastConversation } from '../hooks/useLastConversation';
import { useNarrowWindow } from '../hooks/useNarrowWindow';
import { useReadOnFocus } from '../hooks/useReadOnFocus';
import { useWindowTitle } from '../hooks/useWindowTitle';
import { AccountsScreen } from './accounts/AccountsScreen';
import { AnalyticsScreen } from './analytics/AnalyticsScreen';
import { CampaignsScreen } from './campaigns/CampaignsScreen';
import { ConnectionBanner } from './ConnectionBanner';
import { DesktopLayer } from './desktop/DesktopLayer';
import { NewConversationDialog } from './dialogs/NewConversationDialog';
import { Inbox } from './inbox/Inbox';
import { ParticipantsPanel } from './participants/ParticipantsPanel';
import { SimulatePanel } from './simulate/SimulatePanel';
import { TeamLayer } from './team/TeamLayer';
import { Thread } from './thread/Thread';
import { ReadOnlyThread } from './views/ReadOnlyThread';
import { SegmentsScreen } from './segments/SegmentsScreen';
import { WebhooksScreen } from './webhooks/WebhooksScreen';
import './app.css';

export function App() {
  useWindowTitle();
  useReadOnFocus();
  useLastConversation();
  // Narrow windows: the participants panel is a drawer over the thread (app.css).
  const narrow = useNarrowWindow();
  const screen = useAppStore((s) => s.screen);
  // Keyed by session: no component state (an edit box, a scroll position) outlives its account.
  const sessionId = useSession().id;
  const showParticipants = useDeskStore((s) => s.participantsOpen && s.selectedSid !== null && s.conversations.has(s.selectedSid));
  const newConversationOpen = useDeskStore((s) => s.newConversationOpen);
  const simulateOpen = useDeskStore((s) => s.simulateOpen);
  const teamViewSid = useDeskStore((s) => s.teamViewSid);

  return (
    <div className="app">
      <ConnectionBanner />
      {screen === 'accounts' ? (
        <AccountsScreen />
      ) : screen === 'segments' ? (
        <SegmentsScreen key={sessionId} />
      ) : screen === 'campaigns' ? (
        <CampaignsScreen key={sessionId} />
      ) : screen === 'analytics' ? (
        <AnalyticsScreen key={sessionId} />
      ) : screen === 'webhooks' ? (
        <WebhooksScreen key={sessionId} />
      ) : (
        <div key={sessionId} className={`panes${showParticipants ? ' with-participants' : ''}${narrow ? ' narrow' : ''}`}>
          <Inbox />
          {teamViewSid ? <ReadOnlyThread key={teamViewSid} sid={teamViewSid} /> : <Thread />}
          {showParticipants && <ParticipantsPanel />}
        </div>
      )}
      {newConversationOpen && <NewConversationDialog />}
      {simulateOpen && <SimulatePanel />}
      <DesktopLayer />
      {screen === 'inbox' && <TeamLayer />}
    </div>
  );
}
