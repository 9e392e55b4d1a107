import type { Db, Collection } from '../store/db';
import { newSid } from '../util/ids';
import { OrderedKeys } from './ordered-keys';
import type { ItemKey, JsonObject, SyncEvent, SyncItemRecord, SyncObjectRecord, SyncObjectType, SyncSubscriber, SyncTombstone } from './types';

const SID_PREFIX: Record<SyncObjectType, string> = { document: 'ET', map: 'MP', list: 'ES' };
const COLLECTION_PATH: Record<SyncObjectType, string> = { document: 'Documents', map: 'Maps', list: 'Lists' };
export const SYNC_EVENT_TYPE = 'twilio.sync.event';

/**
 * How much removal history an object keeps for clients catching up: tombstones younger than the
 * retention, and never more than the cap per object. A client away longer (or that missed more
 * removals of one object) is not told of the older removals when it re-subscribes; the desk
 * re-reads its conversations when it starts, so only a client left running that long can show
 * an item removed meanwhile until it reloads. Without a bound a busy workspace grows forever.
 */
export const TOMBSTONE_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
export const TOMBSTONES_PER_OBJECT = 1000;

export interface SyncEngineOptions {
  tombstoneRetentionMs?: number;
  tombstonesPerObject?: number;
  now?: () => number;
}

interface LiveObject {
  rec: SyncObjectRecord;
  items: Map<ItemKey, SyncItemRecord>;
  order: OrderedKeys<ItemKey>;
  tombstones: SyncTombstone[];
}

export interface ItemQuery {
  key?: string;
  index?: number;
  from?: ItemKey;
  pageSize?: number;
  order?: 'asc' | 'desc';
}

export interface SubscriptionRequest {
  object_sid: string;
  object_type: string;
  last_event_id?: number;
}

/**
 * Twilio Sync as Conversations uses it: documents, maps and lists with revisions and per-object
 * event ids, pushed to the connections subscribed to each object. A client that re-subscribes
 * with an older `last_event_id` is caught up from current state plus tombstones, which carries
 * the same ids the live events had, so nothing it missed is lost and nothing is applied twice.
 */
export class SyncEngine {
  private readonly objects = new Map<string, LiveObject>();
  private readonly byName = new Map<string, string>();
  private readonly subscribers = new Map<string, Set<SyncSubscriber>>();
  private readonly subscriptionsOf = new Map<SyncSubscriber, Set<string>>();
  private readonly objectRecords: Collection<SyncObjectRecord>;
  private readonly itemRecords: Collection<SyncItemRecord>;
  private readonly tombstoneRecords: Collection<SyncTombstone>;

  private readonly tombstoneRetentionMs: number;
  private readonly tombstonesPerObject: number;
  private readonly now: () => number;

  constructor(
    db: Db,
    private readonly baseUrl: string,
    private readonly ids: { accountSid: string; serviceSid: string },
    options: SyncEngineOptions = {},
  ) {
    this.tombstoneRetentionMs = options.tombstoneRetentionMs ?? TOMBSTONE_RETENTION_MS;
    this.tombstonesPerObject = options.tombstonesPerObject ?? TOMBSTONES_PER_OBJECT;
    this.now = options.now ?? Date.now;
    this.objectRecords = db.collection('syncObjects');
    this.itemRecords = db.collection('syncItems');
    this.tombstoneRecords = db.collection('syncTombstones');
    this.loadFromDb();
  }

  // ---- objects -------------------------------------------------------------------------------

  createDocument(uniqueName: string | null, data: JsonObject): SyncObjectRecord {
    return this.create('document', uniqueName, { data });
  }

  createMap(uniqueName: string | null): SyncObjectRecord {
    return this.create('map', uniqueName, {});
  }

  createList(uniqueName: string | null): SyncObjectRecord {
    return this.create('list', uniqueName, { nextIndex: 0 });
  }

  /** Finds a live object by SID or unique name. */
  find(type: SyncObjectType, idOrName: string): SyncObjectRecord | undefined {
    const sid = this.objects.has(idOrName) ? idOrName : this.byName.get(`${type}:${idOrName}`);
    const obj = sid ? this.objects.get(sid) : undefined;
    // A copy: the live record's revision and event ids move under the engine's hands only.
    return obj && obj.rec.type === type ? { ...obj.rec } : undefined;
  }

  removeObject(sid: string): void {
    const obj = this.objects.get(sid);
    if (!obj) return;
    const { type } = obj.rec;
    this.broadcast(obj, {
      event_type: `${type}_removed`,
      event: { id: obj.rec.lastEventId + 1, [`${type}_sid`]: sid, date_created: this.isoNow() },
    });
    for (const key of obj.items.keys()) this.itemRecords.delete(itemId(sid, key));
    for (const t of obj.tombstones) this.tombstoneRecords.delete(tombstoneId(t));
    this.objectRecords.delete(sid);
    if (obj.rec.uniqueName) this.byName.delete(`${type}:${obj.rec.uniqueName}`);
    this.objects.delete(sid);
    for (const sub of this.subscribers.get(sid) ?? []) this.subscriptionsOf.get(sub)?.delete(sid);
    this.subscribers.delete(sid);
  }

  // ---- documents -----------------------------------------------------------------------------

  setDocument(sid: string, data: JsonObject): void {
    const obj = this.live(sid, 'document');
    const id = this.advance(obj);
    obj.rec.data = data;
    this.objectRecords.put(sid, obj.rec);
    this.broadcast(obj, {
      event_type: 'document_updated',
      event: { id, document_sid: sid, document_revision: String(obj.rec.revision), document_data: data, date_created: obj.rec.dateUpdated },
    });
  }

  documentData(sid: string): JsonObject {
    return this.live(sid, 'document').rec.data ?? {};
  }

  // ---- maps and lists ------------------------------------------------------------------------

  mapSet(sid: string, key: string, data: JsonObject): SyncItemRecord {
    return this.putItem(this.live(sid, 'map'), key, data);
  }

  mapRemove(sid: string, key: string): boolean {
    return this.removeItem(this.live(sid, 'map'), key);
  }

  listAppend(sid: string, data: JsonObject): SyncItemRecord {
    const obj = this.live(sid, 'list');
    const index = obj.rec.nextIndex ?? 0;
    obj.rec.nextIndex = index + 1;
    return this.putItem(obj, index, data);
  }

  listSet(sid: string, index: number, data: JsonObject): SyncItemRecord | undefined {
    const obj = this.live(sid, 'list');
    return obj.items.has(index) ? this.putItem(obj, index, data) : undefined;
  }

  listRemove(sid: string, index: number): boolean {
    return this.removeItem(this.live(sid, 'list'), index);
  }

  getItem(sid: string, key: ItemKey): SyncItemRecord | undefined {
    return this.objects.get(sid)?.items.get(key);
  }

  itemCount(sid: string): number {
    return this.objects.get(sid)?.items.size ?? 0;
  }

  /** How many list items have an index greater than `index`. */
  countAfter(sid: string, index: number): number {
    const obj = this.objects.get(sid);
    if (!obj) return 0;
    return obj.order.size - obj.order.lowerBound(index + 1);
  }

  /** Items in key order (maps) or index order (lists). */
  *items(sid: string): IterableIterator<SyncItemRecord> {
    const obj = this.objects.get(sid);
    if (!obj) return;
    for (let i = 0; i < obj.order.size; i++) {
      const item = obj.items.get(obj.order.at(i) as ItemKey);
      if (item) yield item;
    }
  }

  // ---- REST shapes ---------------------------------------------------------------------------

  objectUrl(rec: SyncObjectRecord): string {
    return `${this.baseUrl}/v3/Services/${this.ids.serviceSid}/${COLLECTION_PATH[rec.type]}/${rec.sid}`;
  }

  descriptor(rec: SyncObjectRecord, includeItems = false): JsonObject {
    const url = this.objectUrl(rec);
    const json: JsonObject = {
      sid: rec.sid,
      unique_name: rec.uniqueName,
      account_sid: this.ids.accountSid,
      service_sid: this.ids.serviceSid,
      url,
      revision: String(rec.revision),
      last_event_id: rec.lastEventId,
      date_created: rec.dateCreated,
      date_updated: rec.dateUpdated,
      date_expires: null,
    };
    if (rec.type === 'document') json.data = rec.data ?? {};
    else json.links = { items: `${url}/Items` };
    if (includeItems && rec.type === 'map') json.items = this.query(rec, { pageSize: 100 }).items;
    return json;
  }

  itemJson(rec: SyncObjectRecord, item: SyncItemRecord): JsonObject {
    return {
      [rec.type === 'map' ? 'key' : 'index']: item.key,
      url: `${this.objectUrl(rec)}/Items/${encodeURIComponent(String(item.key))}`,
      revision: String(item.revision),
      last_event_id: item.lastEventId,
      date_created: item.dateCreated,
      date_updated: item.dateUpdated,
      date_expires: null,
      data: item.data,
    };
  }

  /** A page of items; `From` is inclusive and the tokens only say whether more exist. */
  query(rec: SyncObjectRecord, q: ItemQuery): { items: JsonObject[]; meta: JsonObject } {
    const obj = this.live(rec.sid, rec.type);
    const pageSize = Math.max(1, Math.min(q.pageSize ?? 50, 1000));
    const meta = (prev: boolean, next: boolean): JsonObject => ({
      previous_token: prev ? 'PT' : null,
      next_token: next ? 'NT' : null,
      page_size: pageSize,
    });
    const single = rec.type === 'map' ? q.key : q.index;
    if (single !== undefined) {
      const item = obj.items.get(single);
      return { items: item ? [this.itemJson(rec, item)] : [], meta: meta(false, false) };
    }
    const n = obj.order.size;
    const keys: ItemKey[] = [];
    if (q.order === 'desc') {
      // Position of the last key that is <= From.
      let start = n - 1;
      if (q.from !== undefined) {
        const lb = obj.order.lowerBound(q.from);
        start = obj.order.at(lb) === q.from ? lb : lb - 1;
      }
      for (let i = start; i >= 0 && keys.length < pageSize; i--) keys.push(obj.order.at(i) as ItemKey);
      const last = start - keys.length;
      return { items: keys.map((k) => this.itemJson(rec, obj.items.get(k) as SyncItemRecord)), meta: meta(start < n - 1, last >= 0) };
    }
    const start = q.from !== undefined ? obj.order.lowerBound(q.from) : 0;
    for (let i = start; i < n && keys.length < pageSize; i++) keys.push(obj.order.at(i) as ItemKey);
    return {
      items: keys.map((k) => this.itemJson(rec, obj.items.get(k) as SyncItemRecord)),
      meta: meta(start > 0, start + keys.length < n),
    };
  }

  // ---- subscriptions -------------------------------------------------------------------------

  /**
   * Establishes subscriptions: for each object, first replays what the client missed since its
   * `last_event_id`, then confirms with `subscription_established` (same correlation id).
   */
  establish(sub: SyncSubscriber, requests: SubscriptionRequest[], correlationId: unknown): void {
    for (const req of requests) {
      const obj = this.objects.get(req.object_sid);
      const head = { object_sid: req.object_sid, object_type: req.object_type };
      if (!obj || obj.rec.type !== req.object_type) {
        sub.notify(SYNC_EVENT_TYPE, {
          event_type: 'subscription_failed',
          correlation_id: correlationId,
          event_protocol_version: 4,
          event: { ...head, error: { status: 404, code: 54100, message: `${req.object_type} ${req.object_sid} not found` } },
        });
        continue;
      }
      this.addSubscriber(sub, obj.rec.sid);
      for (const ev of this.missedEvents(obj, Number(req.last_event_id ?? 0))) {
        sub.notify(SYNC_EVENT_TYPE, { ...ev, event_protocol_version: 4 });
      }
      sub.notify(SYNC_EVENT_TYPE, {
        event_type: 'subscription_established',
        correlation_id: correlationId,
        event_protocol_version: 4,
        event: { ...head, replay_status: 'completed', last_event_id: obj.rec.lastEventId },
      });
    }
  }

  cancel(sub: SyncSubscriber, requests: SubscriptionRequest[], correlationId: unknown): void {
    for (const req of requests) {
      this.subscribers.get(req.object_sid)?.delete(sub);
      this.subscriptionsOf.get(sub)?.delete(req.object_sid);
      sub.notify(SYNC_EVENT_TYPE, {
        event_type: 'subscription_canceled',
        correlation_id: correlationId,
        event_protocol_version: 4,
        event: { object_sid: req.object_sid, object_type: req.object_type },
      });
    }
  }

  dropSubscriber(sub: SyncSubscriber): void {
    for (const sid of this.subscriptionsOf.get(sub) ?? []) this.subscribers.get(sid)?.delete(sub);
    this.subscriptionsOf.delete(sub);
  }

  subscriberCount(sid: string): number {
    return this.subscribers.get(sid)?.size ?? 0;
  }

  // ---- internals -----------------------------------------------------------------------------

  private create(type: SyncObjectType, uniqueName: string | null, extra: Partial<SyncObjectRecord>): SyncObjectRecord {
    if (uniqueName && this.byName.has(`${type}:${uniqueName}`)) throw new Error(`Sync ${type} ${uniqueName} already exists`);
    const t = this.isoNow();
    const rec: SyncObjectRecord = { sid: newSid(SID_PREFIX[type]), type, uniqueName, revision: 0, lastEventId: 0, dateCreated: t, dateUpdated: t, ...extra };
    this.objectRecords.put(rec.sid, rec);
    this.index({ rec, items: new Map(), order: new OrderedKeys(), tombstones: [] });
    return { ...rec };
  }

  private index(obj: LiveObject): void {
    this.objects.set(obj.rec.sid, obj);
    if (obj.rec.uniqueName) this.byName.set(`${obj.rec.type}:${obj.rec.uniqueName}`, obj.rec.sid);
  }

  private live(sid: string, type: SyncObjectType): LiveObject {
    const obj = this.objects.get(sid);
    if (!obj || obj.rec.type !== type) throw new Error(`Sync ${type} ${sid} does not exist`);
    return obj;
  }

  /** Takes the next event id of an object and bumps its revision. */
  private advance(obj: LiveObject): number {
    obj.rec.lastEventId += 1;
    obj.rec.revision += 1;
    obj.rec.dateUpdated = this.isoNow();
    this.objectRecords.put(obj.rec.sid, obj.rec);
    return obj.rec.lastEventId;
  }

  private putItem(obj: LiveObject, key: ItemKey, data: JsonObject): SyncItemRecord {
    const id = this.advance(obj);
    const t = obj.rec.dateUpdated;
    const existing = obj.items.get(key);
    const item: SyncItemRecord = existing
      ? { ...existing, data, revision: existing.revision + 1, lastEventId: id, dateUpdated: t }
      : { objectSid: obj.rec.sid, key, data, revision: 1, lastEventId: id, createdEventId: id, dateCreated: t, dateUpdated: t };
    obj.items.set(key, item);
    if (!existing) obj.order.insert(key);
    this.itemRecords.put(itemId(obj.rec.sid, key), item);
    this.broadcast(obj, this.itemEvent(obj.rec, item, !existing));
    return item;
  }

  private removeItem(obj: LiveObject, key: ItemKey): boolean {
    const existing = obj.items.get(key);
    if (!existing) return false;
    const id = this.advance(obj);
    obj.items.delete(key);
    obj.order.remove(key);
    this.itemRecords.delete(itemId(obj.rec.sid, key));
    const tomb: SyncTombstone = { objectSid: obj.rec.sid, key, eventId: id, data: existing.data, date: obj.rec.dateUpdated };
    obj.tombstones.push(tomb);
    this.tombstoneRecords.put(tombstoneId(tomb), tomb);
    this.compactTombstones(obj);
    this.broadcast(obj, this.removalEvent(obj.rec, tomb));
    return true;
  }

  /** Drops the tombstones past the cap or the retention (they are kept in event order). */
  private compactTombstones(obj: LiveObject): void {
    const oldest = new Date(this.now() - this.tombstoneRetentionMs).toISOString();
    let drop = Math.max(0, obj.tombstones.length - this.tombstonesPerObject);
    while (drop < obj.tombstones.length && (obj.tombstones[drop] as SyncTombstone).date < oldest) drop++;
    if (drop === 0) return;
    for (const t of obj.tombstones.splice(0, drop)) this.tombstoneRecords.delete(tombstoneId(t));
  }

  private isoNow(): string {
    return new Date(this.now()).toISOString();
  }

  /** How many tombstones an object keeps (diagnostics and tests). */
  tombstoneCount(sid: string): number {
    return this.objects.get(sid)?.tombstones.length ?? 0;
  }

  private itemEvent(rec: SyncObjectRecord, item: SyncItemRecord, added: boolean): SyncEvent {
    const t = rec.type as 'map' | 'list';
    return {
      event_type: `${t}_item_${added ? 'added' : 'updated'}`,
      event: {
        id: item.lastEventId,
        [`${t}_sid`]: rec.sid,
        [t === 'map' ? 'item_key' : 'item_index']: item.key,
        item_url: `${this.objectUrl(rec)}/Items/${encodeURIComponent(String(item.key))}`,
        item_revision: String(item.revision),
        item_data: item.data,
        date_created: item.dateUpdated,
        date_expires: null,
        [`${t}_revision`]: String(rec.revision),
      },
    };
  }

  private removalEvent(rec: SyncObjectRecord, tomb: SyncTombstone): SyncEvent {
    const t = rec.type as 'map' | 'list';
    return {
      event_type: `${t}_item_removed`,
      event: {
        id: tomb.eventId,
        [`${t}_sid`]: rec.sid,
        [t === 'map' ? 'item_key' : 'item_index']: tomb.key,
        item_data: tomb.data,
        date_created: tomb.date,
      },
    };
  }

  /** Events after `since`, rebuilt from current state and tombstones, in id order. */
  private missedEvents(obj: LiveObject, since: number): SyncEvent[] {
    const { rec } = obj;
    if (rec.lastEventId <= since) return [];
    if (rec.type === 'document') {
      return [
        {
          event_type: 'document_updated',
          event: { id: rec.lastEventId, document_sid: rec.sid, document_revision: String(rec.revision), document_data: rec.data ?? {}, date_created: rec.dateUpdated },
        },
      ];
    }
    const events: SyncEvent[] = [];
    for (const item of obj.items.values()) {
      if (item.lastEventId > since) events.push(this.itemEvent(rec, item, item.createdEventId > since));
    }
    for (const tomb of obj.tombstones) if (tomb.eventId > since) events.push(this.removalEvent(rec, tomb));
    return events.sort((a, b) => a.event.id - b.event.id);
  }

  private addSubscriber(sub: SyncSubscriber, sid: string): void {
    let set = this.subscribers.get(sid);
    if (!set) {
      set = new Set();
      this.subscribers.set(sid, set);
    }
    set.add(sub);
    let mine = this.subscriptionsOf.get(sub);
    if (!mine) {
      mine = new Set();
      this.subscriptionsOf.set(sub, mine);
    }
    mine.add(sid);
  }

  private broadcast(obj: LiveObject, ev: SyncEvent): void {
    const subs = this.subscribers.get(obj.rec.sid);
    if (!subs || subs.size === 0) return;
    const payload = { ...ev, event_protocol_version: 4 };
    let json: string | null = null;
    for (const sub of subs) {
      if (sub.notifyJson) sub.notifyJson(SYNC_EVENT_TYPE, (json ??= JSON.stringify(payload)));
      else sub.notify(SYNC_EVENT_TYPE, payload);
    }
  }

  private loadFromDb(): void {
    for (const rec of this.objectRecords.values()) this.index({ rec, items: new Map(), order: new OrderedKeys(), tombstones: [] });
    for (const [id, item] of [...this.itemRecords.entries()]) {
      const obj = this.objects.get(item.objectSid);
      // Left by an object removed before its items (older versions): nothing can reach it.
      if (!obj) {
        this.itemRecords.delete(id);
        continue;
      }
      obj.items.set(item.key, item);
      obj.order.insert(item.key);
    }
    for (const [id, tomb] of [...this.tombstoneRecords.entries()]) {
      const obj = this.objects.get(tomb.objectSid);
      if (obj) obj.tombstones.push(tomb);
      else this.tombstoneRecords.delete(id);
    }
    for (const obj of this.objects.values()) {
      obj.tombstones.sort((a, b) => a.eventId - b.eventId);
      this.compactTombstones(obj);
    }
  }
}

const itemId = (sid: string, key: ItemKey): string => `${sid}|${typeof key}|${key}`;
const tombstoneId = (t: SyncTombstone): string => `${t.objectSid}|${t.eventId}`;
