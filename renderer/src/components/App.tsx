/** Three panes (inbox, thread, participants) under an always-visible connection banner. */
import { Suspense } from 'react';
import { useAppStore, useDeskStore } from '../store';
import { useSession } from '../session/context';
import { useLastConversation } from '../hooks/useLastConversation';
import { useNarrowWindow } from '../hooks/useNarrowWindow';
import { useReadOnFocus } from '../hooks/useReadOnFocus';
import { useWindowTitle } from '../hooks/useWindowTitle';
import { ConnectionBanner } from './ConnectionBanner';
import { DesktopLayer } from './desktop/DesktopLayer';
import { Inbox } from './inbox/Inbox';
import {
  LazyAccounts,
  LazyAnalyticsScreen,
  LazyCampaignsScreen,
  LazyNewConversationDialog,
  LazySegmentsScreen,
  LazySimulatePanel,
  LazyTool,
  LazyWebhooksScreen,
} from './lazy-screens';
import { ParticipantsPanel } from './participants/ParticipantsPanel';
import { TeamLayer } from './team/TeamLayer';
import { Thread } from './thread/Thread';
import { ReadOnlyThread } from './views/ReadOnlyThread';
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
        <LazyAccounts />
      ) : screen === 'segments' ? (
        <LazyTool tool="segments">
          <LazySegmentsScreen key={sessionId} />
        </LazyTool>
      ) : screen === 'campaigns' ? (
        <LazyTool tool="campaigns">
          <LazyCampaignsScreen key={sessionId} />
        </LazyTool>
      ) : screen === 'analytics' ? (
        <LazyTool tool="analytics">
          <LazyAnalyticsScreen key={sessionId} />
        </LazyTool>
      ) : screen === 'webhooks' ? (
        <LazyTool tool="webhooks">
          <LazyWebhooksScreen key={sessionId} />
        </LazyTool>
      ) : (
        <div key={sessionId} className={`panes${showParticipants ? ' with-participants' : ''}${narrow ? ' narrow' : ''}`}>
          <Inbox />
          {teamViewSid ? <ReadOnlyThread key={teamViewSid} sid={teamViewSid} /> : <Thread />}
          {showParticipants && <ParticipantsPanel />}
        </div>
      )}
      {/* Preloaded after the first paint (lazy-screens.tsx): a frame at most before they show. One
          boundary each, so one still loading never hides the other (and its focus). */}
      <Suspense fallback={null}>{newConversationOpen && <LazyNewConversationDialog />}</Suspense>
      <Suspense fallback={null}>{simulateOpen && <LazySimulatePanel />}</Suspense>
      <DesktopLayer />
      {screen === 'inbox' && <TeamLayer />}
    </div>
  );
}
