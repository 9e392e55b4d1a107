/**
 * Everything the UI can ask the SDK to do, bound to one session. Components get the bound set
 * for the session on screen with `useActions()`; the functions in ./actions/* take the session
 * as their first argument.
 */
import type { SessionScope } from '../session/scope';
import { createConversation, leaveConversation, mediaUrl, renameConversation, setMuted, type NewConversation } from './actions/conversation-actions';
import { addParticipant, phoneRules, removeParticipant, restoreParticipant, validateNewParticipant, type NewParticipant, type Restorable } from './actions/participant-actions';
import {
  attachmentChannels,
  cancelSend,
  checkFiles,
  deleteMessage,
  editMessage,
  editQueued,
  notifyTyping,
  retrySend,
  sendMessage,
} from './actions/send-actions';
import {
  assignConversation,
  assignToMe,
  loadAgents,
  nextUnread,
  reopenConversation,
  resolveConversation,
  snoozeConversation,
  undoResolve,
} from './actions/team-actions';
import { deliveryErrors, resendMessage } from './actions/delivery-actions';
import { loadOlder, markAllRead, openConversation, showingConversation } from './actions/thread-actions';
import { markUnread } from './actions/unread-actions';
import { setDisplayName, toggleReaction } from './actions/reaction-actions';
import type { ReactionKey } from './reactions';
import { lastInboundBefore, listTemplates, messageContent, sendTemplate, templateApprovals } from './actions/template-actions';
import type { ParticipantSnapshot } from '../store/types';

export { PAGE_SIZE } from './actions/thread-actions';
export type { NewParticipant } from './actions/participant-actions';
export type { NewConversation } from './actions/conversation-actions';
export type { ActionResult } from './actions/result';
export type { TemplateList } from './actions/template-actions';

export function createActions(s: SessionScope) {
  return {
    openConversation: (sid: string) => openConversation(s, sid),
    loadOlder: (sid: string) => loadOlder(s, sid),
    markAllRead: (sid: string) => markAllRead(s, sid),
    markUnread: (sid: string) => markUnread(s, sid),
    showingConversation: (sid: string) => showingConversation(s, sid),
    sendMessage: (sid: string, body: string, files?: readonly File[]) => sendMessage(s, sid, body, files),
    retrySend: (sid: string, localId: string) => retrySend(s, sid, localId),
    cancelSend: (sid: string, localId: string) => cancelSend(s, sid, localId),
    editQueued: (sid: string, localId: string, body: string) => editQueued(s, sid, localId, body),
    editMessage: (sid: string, index: number, body: string) => editMessage(s, sid, index, body),
    deleteMessage: (sid: string, index: number) => deleteMessage(s, sid, index),
    notifyTyping: (sid: string) => notifyTyping(s, sid),
    checkFiles: (sid: string, files: readonly File[]) => checkFiles(s, sid, files),
    attachmentChannels: (sid: string) => attachmentChannels(s, sid),
    addParticipant: (sid: string, input: NewParticipant) => addParticipant(s, sid, input),
    removeParticipant: (sid: string, participantSid: string) => removeParticipant(s, sid, participantSid),
    restoreParticipant: (sid: string, participant: Restorable) => restoreParticipant(s, sid, participant),
    validateNewParticipant: (input: NewParticipant, roster: readonly ParticipantSnapshot[]) => validateNewParticipant(input, roster, phoneRules(s)),
    createConversation: (input: NewConversation) => createConversation(s, input),
    renameConversation: (sid: string, name: string) => renameConversation(s, sid, name),
    setMuted: (sid: string, muted: boolean) => setMuted(s, sid, muted),
    leaveConversation: (sid: string) => leaveConversation(s, sid),
    mediaUrl: (sid: string, index: number, mediaSid: string) => mediaUrl(s, sid, index, mediaSid),
    assignConversation: (sid: string, assignee: string | null, options?: { force?: boolean }) => assignConversation(s, sid, assignee, options),
    assignToMe: (sid: string) => assignToMe(s, sid),
    resolveConversation: (sid: string) => resolveConversation(s, sid),
    undoResolve: (sid: string) => undoResolve(s, sid),
    snoozeConversation: (sid: string, until: number) => snoozeConversation(s, sid, until),
    reopenConversation: (sid: string) => reopenConversation(s, sid),
    loadAgents: () => loadAgents(s),
    nextUnread: () => nextUnread(s),
    deliveryErrors: (sid: string, index: number) => deliveryErrors(s, sid, index),
    resendMessage: (sid: string, index: number) => resendMessage(s, sid, index),
    toggleReaction: (sid: string, index: number, key: ReactionKey) => toggleReaction(s, sid, index, key),
    setDisplayName: (name: string) => setDisplayName(s, name),
    listTemplates: () => listTemplates(s),
    templateApprovals: () => templateApprovals(),
    sendTemplate: (sid: string, templateSid: string, values: Readonly<Record<string, string>>) => sendTemplate(s, sid, templateSid, values),
    messageContent: (sid: string, index: number) => messageContent(s, sid, index),
    lastInboundBefore: (sid: string, authors: readonly string[], now: number) => lastInboundBefore(s, sid, authors, now),
  };
}

export type DeskActions = ReturnType<typeof createActions>;
