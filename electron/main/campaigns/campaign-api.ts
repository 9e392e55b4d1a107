/**
 * What a campaign asks of Twilio, over the profile's governed REST client, every call at
 * BACKGROUND priority: an agent's click (interactive) always takes the next free slot before any
 * of these, so a campaign never makes a reply wait behind it.
 */
import type { RestClient } from '../rest/rest-client';

export interface CampaignConversation {
  sid: string;
  state: string;
  proxyAddress: string | null;
  attributes: string;
}

export interface NewCampaignConversation {
  friendlyName: string;
  attributes: string;
  address: string;
  proxyAddress: string;
}

export interface CampaignMessageInput {
  author: string;
  body?: string;
  contentSid?: string;
  contentVariables?: string;
  attributes: string;
}

export interface CampaignApi {
  /** One request: the conversation with the customer in it (POST /ConversationWithParticipants). */
  createConversation(input: NewCampaignConversation): Promise<{ sid: string }>;
  /** The customer's conversations (Participant Conversations by address), newest first. */
  conversationsOf(address: string): Promise<CampaignConversation[]>;
  setConversationAttributes(sid: string, attributes: string): Promise<void>;
  sendMessage(conversationSid: string, input: CampaignMessageInput): Promise<{ sid: string }>;
  /** The newest messages (at most 50), for finding a campaign's mark after a crash. */
  recentMessages(conversationSid: string): Promise<{ sid: string; attributes: string }[]>;
  receipts(conversationSid: string, messageSid: string): Promise<{ status: string; errorCode: number | null }[]>;
}

export function restCampaignApi(rest: RestClient): CampaignApi {
  const svc = () => rest.twilio.conversations.v1.services(rest.serviceSid);
  const bg = <T>(task: () => Promise<T>) => rest.withPriority('background', task);
  return {
    createConversation: ({ friendlyName, attributes, address, proxyAddress }) =>
      // 409 50425 (the customer is already in an open conversation with that number) is an answer the campaign handles.
      bg(() =>
        rest.expecting([409], async () => {
          const c = await svc().conversationWithParticipants.create({
            friendlyName,
            attributes,
            participant: [JSON.stringify({ messaging_binding: { address, proxy_address: proxyAddress } })],
          });
          return { sid: c.sid };
        }),
      ),
    conversationsOf: (address) =>
      bg(async () => {
        const list = await svc().participantConversations.list({ address, pageSize: 50, limit: 50 });
        return list.map((p) => ({
          sid: p.conversationSid,
          state: p.conversationState,
          proxyAddress: (p.participantMessagingBinding as { proxy_address?: string } | null)?.proxy_address ?? null,
          attributes: p.conversationAttributes ?? '{}',
        }));
      }),
    setConversationAttributes: (sid, attributes) =>
      bg(async () => {
        await svc().conversations(sid).update({ attributes });
      }),
    sendMessage: (conversationSid, input) =>
      bg(async () => {
        const m = await svc()
          .conversations(conversationSid)
          .messages.create({
            author: input.author,
            attributes: input.attributes,
            ...(input.body !== undefined ? { body: input.body } : {}),
            ...(input.contentSid ? { contentSid: input.contentSid, contentVariables: input.contentVariables } : {}),
          });
        return { sid: m.sid };
      }),
    recentMessages: (conversationSid) =>
      bg(async () => {
        const list = await svc().conversations(conversationSid).messages.list({ order: 'desc', pageSize: 50, limit: 50 });
        return list.map((m) => ({ sid: m.sid, attributes: m.attributes ?? '{}' }));
      }),
    receipts: (conversationSid, messageSid) =>
      bg(async () => {
        const list = await svc().conversations(conversationSid).messages(messageSid).deliveryReceipts.list({ pageSize: 20, limit: 20 });
        return list.map((r) => ({ status: String(r.status), errorCode: typeof r.errorCode === 'number' && r.errorCode !== 0 ? r.errorCode : null }));
      }),
  };
}
