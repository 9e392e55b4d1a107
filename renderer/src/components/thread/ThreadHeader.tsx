import { useState } from 'react';
import { useDeskStore } from '../../store';
import { conversationTitle } from '../../store/selectors';
import { leaveConversation, renameConversation, setMuted } from '../../sdk/actions';
import { ChannelBadge } from '../common/ChannelBadge';

export function ThreadHeader({ sid }: { sid: string }) {
  const c = useDeskStore((s) => s.conversations.get(sid));
  const count = useDeskStore((s) => s.participants.get(sid)?.length ?? 0);
  const participantsOpen = useDeskStore((s) => s.participantsOpen);
  const toggleParticipants = useDeskStore((s) => s.toggleParticipants);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!c) return null;
  const title = conversationTitle(c);
  const muted = c.notificationLevel === 'muted';

  const saveName = async () => {
    if (renaming === null) return;
    const r = await renameConversation(sid, renaming);
    if (r.ok) setRenaming(null);
    setError(r.ok ? null : r.message);
  };
  const leave = async () => {
    if (!window.confirm(`Leave “${title}”? You’ll stop receiving its messages.`)) return;
    const r = await leaveConversation(sid);
    setError(r.ok ? null : r.message);
  };

  return (
    <header className="thread-header">
      {renaming === null ? (
        <h2 className="thread-title">{title}</h2>
      ) : (
        <form
          className="rename-form"
          onSubmit={(e) => {
            e.preventDefault();
            void saveName();
          }}
        >
          <input
            aria-label="Conversation name"
            value={renaming}
            autoFocus
            onChange={(e) => setRenaming(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && setRenaming(null)}
          />
          <button type="submit" className="primary">Save</button>
          <button type="button" onClick={() => setRenaming(null)}>Cancel</button>
        </form>
      )}
      <ChannelBadge channel={c.channel} />
      {c.typing.length > 0 && <span className="thread-typing" aria-live="polite">{c.typing.join(', ')} typing…</span>}
      {error && <span className="inline-error" role="alert">{error}</span>}
      <div className="thread-header-actions">
        {renaming === null && (
          <button type="button" className="ghost" onClick={() => setRenaming(title)}>
            Rename
          </button>
        )}
        <button type="button" className="ghost" aria-pressed={muted} onClick={() => void setMuted(sid, !muted)}>
          {muted ? 'Unmute' : 'Mute'}
        </button>
        <button type="button" className="ghost" onClick={() => void leave()}>
          Leave
        </button>
        <button
          type="button"
          className="ghost"
          aria-pressed={participantsOpen}
          aria-label={`Participants (${count})`}
          onClick={() => toggleParticipants()}
        >
          👥 {count}
        </button>
      </div>
    </header>
  );
}
