import type { WorkspaceInfo } from '../../../shared/ipc/contract';
import type { ConnectionStatus, SessionInfo } from './types';
import type { SliceCreator } from './store-types';

export interface ConnectionSlice {
  connection: { status: ConnectionStatus; message: string | null };
  session: SessionInfo | null;
  setConnection: (status: ConnectionStatus, message?: string | null) => void;
  setSession: (session: SessionInfo | null) => void;
  /** Local workspace only: proxy numbers and seeded agents, for forms and the simulator. */
  workspace: WorkspaceInfo | null;
  setWorkspace: (workspace: WorkspaceInfo | null) => void;
}

export const createConnectionSlice: SliceCreator<ConnectionSlice> = (set) => ({
  connection: { status: 'connecting', message: null },
  session: null,
  setConnection: (status, message = null) => set({ connection: { status, message } }),
  setSession: (session) => set({ session }),
  workspace: null,
  setWorkspace: (workspace) => set({ workspace }),
});
