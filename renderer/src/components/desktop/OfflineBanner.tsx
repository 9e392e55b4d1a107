/** The network is down: say so plainly and reassure that typed text is kept. */
import { useOnline } from '../../hooks/useOnline';

export function OfflineBanner() {
  const online = useOnline();
  if (online) return null;
  return (
    <div className="offline-banner" role="alert">
      <strong>You’re offline.</strong> Messages you type are kept as drafts; Conversations Desk reconnects when the network is back.
    </div>
  );
}
