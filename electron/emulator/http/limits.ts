import { LIMITS } from '../conversations/limits';

const KB = 1024;
const MB = 1024 * KB;

/**
 * What the emulator's HTTP layer accepts. Bodies are limited per route, before a byte is read:
 * a body can only be as large as the largest valid request for that route, so anything bigger is
 * refused at once (413, Twilio's 20413) instead of being buffered and parsed.
 */
export interface HttpLimits {
  /**
   * Conversations REST (form-encoded). The largest valid request is a message: 32,768 characters
   * of body (Twilio's limit) percent-encoded at up to 9 bytes a character (CJK: 3 UTF-8 bytes,
   * each `%XX`), about 288 KB, plus 16 KB of attributes encoded the same way; 512 KB holds it.
   */
  restBodyBytes: number;
  /** The emulator's own API (settings, health): small forms or JSON. */
  controlBodyBytes: number;
  /**
   * `/emulator/inbound` carries a customer's media inline as base64 (×4/3), form-encoded: the
   * largest is WhatsApp's one file of up to 16 MB (about 22.7 MB on the wire), with a little room
   * so a file just over the carrier's limit is told so (11751) rather than cut off.
   */
  inboundBodyBytes: number;
  /** MCS MediaSet lookups: a JSON list of media SIDs (the SDK asks for a message's few). */
  mediaSetBodyBytes: number;
  /** Media uploads are streamed to disk, never held whole; Twilio's chat attachment limit. */
  mediaUploadBytes: number;
  /** All request bodies held in memory at once, across requests; past it new ones get 503. */
  bufferedBytes: number;
  /**
   * A refused body no larger than this is read and discarded, so the connection stays usable and
   * the client reads the answer on a live socket; larger ones are answered and the socket closed.
   */
  drainBytes: number;
  /** Open twilsock WebSockets (the bench runs 200 live SDK clients). */
  maxSockets: number;
  /** A twilsock socket that has not authenticated with `init` within this is closed. */
  initTimeoutMs: number;
  /** Largest twilsock frame: a 32 K-character message with 16 KB of attributes, JSON-escaped. */
  wsMaxPayloadBytes: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  restBodyBytes: 512 * KB,
  controlBodyBytes: 16 * KB,
  inboundBodyBytes: 24 * MB,
  mediaSetBodyBytes: 64 * KB,
  mediaUploadBytes: LIMITS.chatFileBytes,
  bufferedBytes: 64 * MB,
  drainBytes: 1 * MB,
  maxSockets: 512,
  initTimeoutMs: 5000,
  wsMaxPayloadBytes: 1 * MB,
};
