/** Pages of a conversation's messages read by main over REST (team:messages), oldest shown first. Keyed by conversation: mount one per sid. */
import { useCallback, useEffect, useState } from 'react';
import type { TeamMessage } from '../../../../shared/ipc/team-schema';
import { getDesk } from '../../platform/desk';

export interface TeamMessagesState {
  messages: TeamMessage[];
  loading: boolean;
  error: string | null;
  /** More, older messages can be loaded. */
  hasOlder: boolean;
  loadOlder: () => void;
}

export function useTeamMessages(sid: string): TeamMessagesState {
  const [messages, setMessages] = useState<TeamMessage[]>([]);
  const [token, setToken] = useState<string | null>(null);
  const [hasOlder, setHasOlder] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [request, setRequest] = useState<{ pageToken?: string }>({});

  useEffect(() => {
    let current = true;
    getDesk()
      .teamMessages({ conversationSid: sid, ...request })
      .then((r) => {
        if (!current) return;
        setLoading(false);
        if (!r.ok) {
          setError(r.error.message);
          return;
        }
        setError(null);
        setMessages((shown) => {
          const byIndex = new Map(shown.map((m) => [m.index, m]));
          for (const m of r.value.messages) byIndex.set(m.index, m);
          return [...byIndex.values()].sort((a, b) => a.index - b.index);
        });
        setToken(r.value.olderPageToken);
        setHasOlder(r.value.olderPageToken !== null);
      })
      .catch((e: unknown) => {
        if (!current) return;
        setLoading(false);
        setError(e instanceof Error ? e.message : String(e));
      });
    return () => {
      current = false;
    };
  }, [sid, request]);

  const loadOlder = useCallback(() => {
    if (!token) return;
    setLoading(true);
    setRequest({ pageToken: token });
  }, [token]);

  return { messages, loading, error, hasOlder, loadOlder };
}
