/** The network is down: say so plainly and reassure that what is sent meanwhile is kept. */
import { useOnline } from '../../hooks/useOnline';

export function OfflineBanner() {
  const online = useOnline();
  if (online) return null;
  return (
    <div className="offline-banner" role="alert">
      <strong>You’re offline.</strong> Messages you send are queued and go out by themselves when the network is back.
    </div>
  );
}
