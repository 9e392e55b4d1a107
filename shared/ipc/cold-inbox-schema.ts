/**
 * A cold start's first screen from REST: with no inbox copy kept, main reads the agent's own
 * conversations from Twilio's User Conversation resource while the SDK connects, and the window
 * paints them as it paints a kept copy. No electron, node: or DOM imports here.
 */

/**
 * One request lists a whole own inbox: PageSize's largest value is 1,000, and a chat identity can
 * be in at most 1,000 active or inactive conversations. The list is ordered by conversation SID,
 * not by activity, so a smaller first page would not hold the newest conversations.
 */
export const COLD_INBOX_PAGE_SIZE = 1000;
