/** Everything the UI can ask the SDK to do. Components import from here only. */
export { openConversation, loadOlder, markAllRead, showingConversation, PAGE_SIZE } from './actions/thread-actions';
export {
  sendMessage,
  retrySend,
  cancelSend,
  editQueued,
  editMessage,
  deleteMessage,
  notifyTyping,
  checkFiles,
  attachmentChannels,
} from './actions/send-actions';
export { addParticipant, removeParticipant, validateNewParticipant, type NewParticipant } from './actions/participant-actions';
export {
  createConversation,
  renameConversation,
  setMuted,
  leaveConversation,
  mediaUrl,
  type NewConversation,
} from './actions/conversation-actions';
export type { ActionResult } from './actions/result';
