export type SyncObjectType = 'document' | 'map' | 'list';
export type ItemKey = string | number;
export type JsonObject = Record<string, unknown>;

/** Persisted root of a Sync object. */
export interface SyncObjectRecord {
  sid: string;
  type: SyncObjectType;
  uniqueName: string | null;
  revision: number;
  lastEventId: number;
  dateCreated: string;
  dateUpdated: string;
  /** Document data (documents only). */
  data?: JsonObject;
  /** Next list index (lists only). */
  nextIndex?: number;
}

/** Persisted map or list item. */
export interface SyncItemRecord {
  objectSid: string;
  key: ItemKey;
  data: JsonObject;
  revision: number;
  lastEventId: number;
  /** Id of the event that created the item: replay tells "added" from "updated" with it. */
  createdEventId: number;
  dateCreated: string;
  dateUpdated: string;
}

/** What is left of a removed item, so a client catching up learns of the removal. */
export interface SyncTombstone {
  objectSid: string;
  key: ItemKey;
  eventId: number;
  data: JsonObject;
  date: string;
}

export interface SyncEvent {
  event_type: string;
  event: JsonObject & { id: number };
}

/** A connection that wants events; the twilsock session implements it. */
export interface SyncSubscriber {
  notify(messageType: string, payload: JsonObject): void;
  /** The same with the payload already serialized: a broadcast serializes once for every subscriber. */
  notifyJson?(messageType: string, json: string): void;
}
