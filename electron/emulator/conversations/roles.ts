import type { Collection, Db } from '../store/db';
import { TwilioError, badRequest } from '../util/errors';
import { newSid } from '../util/ids';
import { freezeRecord } from './frozen';

/**
 * Twilio Conversations' roles (https://www.twilio.com/docs/conversations/api/role-resource).
 *
 * Permission values: the Role resource's "Permission Values" tables (service and conversation
 * scope). Those tables leave out four values Twilio accepts on conversation roles
 * (`addNonChatParticipant`, `editOwnParticipantAttributes`, `editAnyParticipantAttributes`,
 * `editNotificationLevel`); twilio/terraform-provider-twilio validates role permissions against the
 * full list, and Twilio's own samples create roles with them.
 */
export const SERVICE_PERMISSIONS = [
  'addParticipant',
  'createConversation',
  'deleteAnyMessage',
  'deleteConversation',
  'editAnyMessage',
  'editAnyMessageAttributes',
  'editAnyUserInfo',
  'editConversationAttributes',
  'editConversationName',
  'editOwnMessage',
  'editOwnMessageAttributes',
  'editOwnUserInfo',
  'joinConversation',
  'removeParticipant',
  'editAnyParticipantAttributes',
] as const;

export const CONVERSATION_PERMISSIONS = [
  'addParticipant',
  'addNonChatParticipant',
  'deleteAnyMessage',
  'deleteOwnMessage',
  'deleteConversation',
  'editAnyMessage',
  'editAnyMessageAttributes',
  'editAnyParticipantAttributes',
  'editAnyUserInfo',
  'editConversationAttributes',
  'editConversationName',
  'editNotificationLevel',
  'editOwnMessage',
  'editOwnMessageAttributes',
  'editOwnParticipantAttributes',
  'editOwnUserInfo',
  'leaveConversation',
  'removeParticipant',
  'sendMediaMessage',
  'sendMessage',
] as const;

export type Permission = (typeof SERVICE_PERMISSIONS)[number] | (typeof CONVERSATION_PERMISSIONS)[number];
export type RoleType = 'conversation' | 'service';

export interface RoleRecord {
  sid: string;
  friendlyName: string;
  type: RoleType;
  permissions: string[];
  dateCreated: string;
  dateUpdated: string;
}

/** The service's default role assignments (the Service Configuration resource's `default_*_role_sid`). */
export interface RoleDefaults {
  /** `default_conversation_creator_role_sid`: a conversation's creator when they join it. */
  conversationCreator: string;
  /** `default_conversation_role_sid`: everyone else added to a conversation. */
  conversation: string;
  /** `default_chat_service_role_sid`: every user of the service. */
  service: string;
}

// Fixed SIDs so that records saved before roles existed (participants with …1, users with …2)
// keep meaning what they meant: the default conversation and service roles.
export const CHANNEL_USER_ROLE = 'RL' + '0'.repeat(31) + '1';
export const SERVICE_USER_ROLE = 'RL' + '0'.repeat(31) + '2';
export const CHANNEL_ADMIN_ROLE = 'RL' + '0'.repeat(31) + '3';
export const SERVICE_ADMIN_ROLE = 'RL' + '0'.repeat(31) + '4';

const EPOCH = '2020-01-01T00:00:00.000Z';

/**
 * The four roles a new Conversation Service starts with. Twilio publishes the default permission
 * lists for Programmable Chat, whose services Conversations took over
 * (https://www.twilio.com/docs/chat/permissions, "Default Roles and Permissions"); these are those
 * lists in Conversations' names (channel → conversation, member → participant, destroyChannel →
 * deleteConversation; inviteMember has no Conversations counterpart).
 */
export const DEFAULT_ROLES: readonly RoleRecord[] = [
  {
    sid: SERVICE_ADMIN_ROLE,
    friendlyName: 'service admin',
    type: 'service',
    permissions: [
      'createConversation',
      'joinConversation',
      'deleteConversation',
      'editConversationAttributes',
      'editConversationName',
      'addParticipant',
      'removeParticipant',
      'editAnyParticipantAttributes',
      'editAnyMessage',
      'deleteAnyMessage',
      'editAnyMessageAttributes',
      'editAnyUserInfo',
    ],
    dateCreated: EPOCH,
    dateUpdated: EPOCH,
  },
  {
    sid: SERVICE_USER_ROLE,
    friendlyName: 'service user',
    type: 'service',
    permissions: ['createConversation', 'joinConversation', 'editOwnUserInfo'],
    dateCreated: EPOCH,
    dateUpdated: EPOCH,
  },
  {
    sid: CHANNEL_ADMIN_ROLE,
    friendlyName: 'channel admin',
    type: 'conversation',
    permissions: [
      'sendMessage',
      'sendMediaMessage',
      'leaveConversation',
      'editNotificationLevel',
      'deleteConversation',
      'removeParticipant',
      'editConversationName',
      'editConversationAttributes',
      'addParticipant',
      'addNonChatParticipant',
      'editAnyParticipantAttributes',
      'editOwnParticipantAttributes',
      'editAnyMessage',
      'editAnyMessageAttributes',
      'deleteAnyMessage',
    ],
    dateCreated: EPOCH,
    dateUpdated: EPOCH,
  },
  {
    sid: CHANNEL_USER_ROLE,
    friendlyName: 'channel user',
    type: 'conversation',
    permissions: [
      'sendMessage',
      'sendMediaMessage',
      'leaveConversation',
      'editNotificationLevel',
      'editOwnParticipantAttributes',
      'editOwnMessage',
      'editOwnMessageAttributes',
      'deleteOwnMessage',
    ],
    dateCreated: EPOCH,
    dateUpdated: EPOCH,
  },
].map((r) => freezeRecord(r as RoleRecord));

const BUILT_IN = new Map(DEFAULT_ROLES.map((r) => [r.sid, r]));
const DEFAULTS_KEY = 'defaults';
const INITIAL_DEFAULTS: RoleDefaults = { conversationCreator: CHANNEL_ADMIN_ROLE, conversation: CHANNEL_USER_ROLE, service: SERVICE_USER_ROLE };
/** Twilio: "A descriptive string … It can be up to 64 characters long." */
const FRIENDLY_NAME_CHARS = 64;

/**
 * The service's roles: the built-in four (stored only once changed, so a fresh emulator stays
 * empty until something real happens) plus those created over REST, and the default assignments.
 */
export class RoleStore {
  private readonly stored: Collection<RoleRecord>;
  private readonly config: Collection<RoleDefaults>;

  constructor(db: Db) {
    this.stored = db.collection('roles');
    this.config = db.collection('roleDefaults');
  }

  find(sid: string): RoleRecord | undefined {
    return this.stored.get(sid) ?? BUILT_IN.get(sid);
  }

  get(sid: string): RoleRecord {
    const role = this.find(sid);
    if (!role) throw new TwilioError(404, 20404, `Role ${sid} not found`);
    return role;
  }

  /** Every role, oldest first (built-ins first), sid breaking ties. */
  list(): RoleRecord[] {
    const all = new Map<string, RoleRecord>(BUILT_IN);
    for (const r of this.stored.values()) all.set(r.sid, r);
    return [...all.values()].sort((a, b) => (a.dateCreated + a.sid < b.dateCreated + b.sid ? -1 : 1));
  }

  /** A role SID given for a participant (`conversation`) or a user (`service`), checked. */
  checkAssignable(sid: string, type: RoleType): string {
    const role = this.find(sid);
    if (!role) throw badRequest(`RoleSid ${sid.slice(0, 40)} does not name a role of this service`);
    if (role.type !== type) throw badRequest(`Role ${sid} is a ${role.type} role; a ${type} role is required here`);
    return role.sid;
  }

  /** Nothing about roles was ever changed: no role created or updated, no default reassigned. */
  get untouched(): boolean {
    return this.stored.size === 0 && this.config.size === 0;
  }

  get defaults(): RoleDefaults {
    return this.config.get(DEFAULTS_KEY) ?? INITIAL_DEFAULTS;
  }

  setDefaults(patch: Partial<RoleDefaults>): RoleDefaults {
    const next = { ...this.defaults };
    if (patch.conversationCreator !== undefined) next.conversationCreator = this.checkAssignable(patch.conversationCreator, 'conversation');
    if (patch.conversation !== undefined) next.conversation = this.checkAssignable(patch.conversation, 'conversation');
    if (patch.service !== undefined) next.service = this.checkAssignable(patch.service, 'service');
    this.config.put(DEFAULTS_KEY, freezeRecord(next));
    return next;
  }

  create(input: { friendlyName: string; type: string; permissions: string[] }, now: string): RoleRecord {
    const friendlyName = checkRoleName(input.friendlyName);
    if (input.type !== 'conversation' && input.type !== 'service') throw badRequest(`Type must be conversation or service, got "${input.type.slice(0, 40)}"`);
    const permissions = checkPermissions(input.permissions, input.type);
    const role = freezeRecord<RoleRecord>({ sid: newSid('RL'), friendlyName, type: input.type, permissions, dateCreated: now, dateUpdated: now });
    this.stored.put(role.sid, role);
    return role;
  }

  /** Twilio: "the update action replaces all previously assigned permissions". */
  update(sid: string, permissions: string[], now: string): RoleRecord {
    const before = this.get(sid);
    const role = freezeRecord<RoleRecord>({ ...before, permissions: checkPermissions(permissions, before.type), dateUpdated: now });
    this.stored.put(role.sid, role);
    return role;
  }

  /** A role still assigned by default cannot go (everyone new would get a role that is gone). */
  delete(sid: string, inUse: (sid: string) => boolean): void {
    const role = this.get(sid);
    const d = this.defaults;
    if (BUILT_IN.has(sid) || sid === d.conversation || sid === d.conversationCreator || sid === d.service || inUse(sid)) {
      throw badRequest(`Role ${role.friendlyName} (${sid}) is in use and cannot be deleted`);
    }
    this.stored.delete(sid);
  }

  /** The union of what these roles grant. */
  permissionsOf(...sids: Array<string | null | undefined>): Set<string> {
    const out = new Set<string>();
    for (const sid of sids) if (sid) for (const p of this.find(sid)?.permissions ?? []) out.add(p);
    return out;
  }
}

function checkRoleName(raw: string): string {
  const name = raw.trim();
  if (!name) throw badRequest('Missing required parameter FriendlyName in the post body');
  if (name.length > FRIENDLY_NAME_CHARS) throw badRequest(`FriendlyName is ${name.length} characters; the limit is ${FRIENDLY_NAME_CHARS}`);
  return name;
}

function checkPermissions(list: string[], type: RoleType): string[] {
  if (list.length === 0) throw badRequest('Missing required parameter Permission in the post body');
  const allowed: readonly string[] = type === 'service' ? SERVICE_PERMISSIONS : CONVERSATION_PERMISSIONS;
  const bad = list.find((p) => !allowed.includes(p));
  if (bad !== undefined) throw badRequest(`Permission "${bad.slice(0, 60)}" is not a ${type} permission; allowed: ${allowed.join(', ')}`);
  return [...new Set(list)];
}
