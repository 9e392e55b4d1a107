/**
 * The one IPC contract between main and renderer. Main's handlers, the preload bridge and the
 * renderer's `window.desk` type all derive from `invokeContract` and `eventContract`.
 * No electron, node: or DOM imports here.
 */
import { z } from 'zod';
import type { bridgeEventNames, bridgeMethodNames } from './bridge-names';
import { CLOCK_SETTINGS, LANGUAGE_SETTINGS } from '../i18n/languages';
import { inboxCachePartSchema, inboxCacheSchema } from './inbox-cache-schema';
import { LAUNCH_SNAPSHOT_MAX_CHARS } from './launch-snapshot-limits';
import {
  agentsSchema,
  apiHealthSchema,
  assignRequestSchema,
  assignResultSchema,
  cannedImportResultSchema,
  cannedListSchema,
  cannedResponseSchema,
  queueChangesSchema,
  queueRowSchema,
  queueSnapshotSchema,
  stateRequestSchema,
  teamMessagesRequestSchema,
  teamMessagesSchema,
  teamTouchRequestSchema,
} from './team-schema';
import {
  accountNumbersSchema,
  customerLinkSchema,
  customerProfileSchema,
  customerRequestSchema,
  customerSaveSchema,
  startConversationResultSchema,
  startConversationSchema,
} from './customer-schema';
import { analyticsChangedSchema, analyticsReportSchema, analyticsRequestSchema } from './analytics-schema';
import { templateApprovalsSchema } from './content-schema';
import {
  csvReportSchema,
  segmentCsvCheckSchema,
  segmentIdRequestSchema,
  segmentListSchema,
  segmentPreviewRequestSchema,
  segmentPreviewSchema,
  segmentRenameSchema,
  segmentUpdateFilterSchema,
  segmentSaveCsvSchema,
  segmentSaveFilterSchema,
} from './segment-schema';
import {
  campaignControlSchema,
  campaignDraftSchema,
  campaignIdSchema,
  campaignOptionsSchema,
  campaignResultsSchema,
  campaignSummarySchema,
} from './campaign-schema';
import { searchIndexRequestSchema, searchQueryRequestSchema, searchResultSchema } from './search-schema';
import {
  webhookAuthTokenSchema,
  webhookDeliveriesSchema,
  webhookSaveSchema,
  webhookSettingsSchema,
  webhookTestRequestSchema,
  webhookTestResultSchema,
} from './webhook-schema';
import { draftChangeSchema, MAX_DRAFTS, outboxContentsSchema, outboxEntrySchema, outboxKeySchema } from './outbox-schema';

// Messages are catalogue keys (shared/i18n/issue-text.ts): each process words them in its language.
const sid = (prefix: string, message: string) =>
  z
    .string()
    .trim()
    .regex(new RegExp(`^${prefix}[0-9a-f]{32}$`), message);

export const identitySchema = z
  .string()
  .trim()
  .min(1, 'validation.identityRequired')
  .max(256, 'validation.identityTooLong');

export const profileIdSchema = z.string().min(1).max(64);

/** What the user types to add or edit a Twilio profile. Secrets travel renderer→main only. */
export const profileInputSchema = z.object({
  id: profileIdSchema.optional(),
  name: z.string().trim().min(1, 'validation.nameRequired').max(80, 'validation.nameTooLong'),
  accountSid: sid('AC', 'validation.accountSid'),
  apiKeySid: sid('SK', 'validation.apiKeySid'),
  /** Omitted when editing a profile and keeping its stored secret. */
  apiKeySecret: z.string().min(1, 'validation.apiKeySecretRequired').max(256).optional(),
  serviceSid: sid('IS', 'validation.serviceSid'),
  identity: identitySchema,
});
export type ProfileInput = z.infer<typeof profileInputSchema>;

/** A profile as the renderer may see it: never a secret. */
export const profileSummarySchema = z.object({
  id: profileIdSchema,
  kind: z.enum(['local', 'twilio']),
  name: z.string(),
  identity: z.string(),
  accountSid: z.string().nullable(),
  apiKeySid: z.string().nullable(),
  serviceSid: z.string().nullable(),
  /** Masked rendering of the stored secret, e.g. "••••••••3f9a". */
  secretHint: z.string().nullable(),
  active: z.boolean(),
});
export type ProfileSummary = z.infer<typeof profileSummarySchema>;

/** Everything the renderer needs to start the SDK for the active profile. */
export const sessionSchema = z.object({
  profileId: profileIdSchema,
  kind: z.enum(['local', 'twilio']),
  identity: z.string(),
  token: z.string(),
  /** Second argument of `new Client(token, clientOptions)`; empty for real Twilio. */
  clientOptions: z.record(z.string(), z.unknown()),
  /** Base URL of the local emulator's control API (Local workspace only). */
  emulatorUrl: z.string().nullable(),
});
export type Session = z.infer<typeof sessionSchema>;

export const testResultSchema = z.object({ ok: z.boolean(), message: z.string() });
export type TestResult = z.infer<typeof testResultSchema>;

export const simulateInboundSchema = z.object({
  channel: z.enum(['sms', 'whatsapp']),
  /** Customer's E.164 number (without the whatsapp: prefix). */
  from: z.string().trim().min(1, 'validation.customerNumberRequired'),
  /** Business (proxy) number; the emulator's default when omitted. */
  to: z.string().trim().optional(),
  body: z.string().max(1600, 'validation.smsBodyTooLong'),
  media: z
    .object({
      filename: z.string().min(1).max(255),
      contentType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, 'validation.notMediaType'),
      /** Base64 bytes. */
      data: z.string().max(7_000_000, 'validation.imageTooBig'),
    })
    .optional(),
});
export type SimulateInbound = z.infer<typeof simulateInboundSchema>;

/**
 * The Local workspace's emulator, which runs in a process of its own: starting (the window is
 * already open), running, restarting after it exited, or failed (gave up after repeated crashes).
 */
export const localStatusSchema = z.object({
  state: z.enum(['starting', 'running', 'restarting', 'failed']),
  /** Why it is restarting or failed, in words; null otherwise. */
  message: z.string().max(2000).nullable(),
});
export type LocalStatus = z.infer<typeof localStatusSchema>;

export const workspaceInfoSchema = z.object({
  /** Numbers the Local workspace owns, usable as proxy addresses. */
  proxyNumbers: z.object({ sms: z.string(), whatsapp: z.string() }),
  /** Other agent identities seeded in the Local workspace. */
  agents: z.array(z.string()),
});
export type WorkspaceInfo = z.infer<typeof workspaceInfoSchema>;

export const conversationSidSchema = sid('CH', 'validation.conversationSid');

/** Desktop preferences kept by main (settings.json in the user-data folder). */
export const settingsSchema = z.object({
  /** Native notifications for new customer messages. */
  notifications: z.boolean(),
  /** Notifications say "New message" instead of showing the text (shared screens, privacy). */
  hideContent: z.boolean(),
  sound: z.boolean(),
  /** Global do-not-disturb: no notifications, no flashing; the badge still counts. */
  doNotDisturb: z.boolean(),
  /** Closing the window keeps the app in the tray (Windows/Linux) instead of quitting. */
  closeToTray: z.boolean(),
  /** UI language: the operating system's, or one the desk ships (shared/i18n). */
  language: z.enum(LANGUAGE_SETTINGS),
  /** Times as 12 or 24 hours, or as the language's region usually writes them. */
  clock: z.enum(CLOCK_SETTINGS),
});
export type Settings = z.infer<typeof settingsSchema>;
/** Unknown keys are refused rather than dropped, so a typo in a caller shows up as an error. */
export const settingsPatchSchema = settingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/** A message the renderer saw arrive (not written by the agent); main decides whether to notify. */
export const newMessageSchema = z.object({
  conversationSid: conversationSidSchema,
  conversationTitle: z.string().max(200),
  author: z.string().max(256),
  channel: z.enum(['sms', 'whatsapp', 'chat', 'mixed']),
  /** Preview text; main shortens it further and hides it when the settings say so. */
  body: z.string().max(2000),
  /** The agent muted this conversation (SDK notification level). */
  muted: z.boolean(),
  /** The conversation is the one open in the window. */
  isOpenConversation: z.boolean(),
});
export type NewMessage = z.infer<typeof newMessageSchema>;

/** Commands from the application menu (and its shortcuts) that the renderer carries out. */
export const menuCommandSchema = z.enum([
  'quick-switcher',
  'next-conversation',
  'previous-conversation',
  'new-conversation',
  'settings',
  'toggle-participants',
]);
export type MenuCommand = z.infer<typeof menuCommandSchema>;

export const ipcErrorSchema = z.object({
  code: z.enum(['invalid-input', 'not-found', 'unavailable', 'denied', 'twilio', 'internal']),
  message: z.string(),
  /** Field-level messages for forms, keyed by input field name. */
  fields: z.record(z.string(), z.string()).optional(),
});
export type IpcError = z.infer<typeof ipcErrorSchema>;

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** Renderer → main calls: channel, request schema, response schema. */
export const invokeContract = {
  'profiles:list': { request: z.undefined(), response: z.array(profileSummarySchema) },
  'profiles:save': { request: profileInputSchema, response: profileSummarySchema },
  'profiles:test': { request: profileInputSchema, response: testResultSchema },
  'profiles:remove': { request: z.object({ id: profileIdSchema }), response: z.null() },
  'profiles:activate': { request: z.object({ id: profileIdSchema }), response: sessionSchema },
  'session:current': { request: z.undefined(), response: sessionSchema },
  'session:refreshToken': { request: z.undefined(), response: z.object({ token: z.string() }) },
  'local:workspaceInfo': { request: z.undefined(), response: workspaceInfoSchema },
  'local:status': { request: z.undefined(), response: localStatusSchema },
  'local:simulateInbound': {
    request: simulateInboundSchema,
    response: z.object({ conversationSid: z.string(), messageSid: z.string() }),
  },
  'settings:get': { request: z.undefined(), response: settingsSchema },
  'settings:set': { request: settingsPatchSchema, response: settingsSchema },
  /** The OS's preferred languages, best first (main's app.getPreferredSystemLanguages); empty when unknown. */
  'settings:systemLanguages': { request: z.undefined(), response: z.object({ languages: z.array(z.string().max(64)).max(32) }) },
  'desktop:unread': { request: z.object({ total: z.number().int().min(0).max(1_000_000) }), response: z.null() },
  'desktop:newMessage': { request: newMessageSchema, response: z.null() },
  /**
   * The deep link not yet acknowledged (cold start, or one the renderer was still waiting on when
   * it reloaded); main keeps it until 'desktop:acknowledgeLink'.
   */
  'desktop:takePendingLink': { request: z.undefined(), response: z.object({ conversationSid: conversationSidSchema.nullable() }) },
  /** The renderer has shown (or given up on) the linked conversation: main forgets the link. */
  'desktop:acknowledgeLink': { request: z.object({ conversationSid: conversationSidSchema }), response: z.null() },
  'diagnostics:export': { request: z.undefined(), response: z.object({ saved: z.boolean(), path: z.string().nullable() }) },
  /**
   * The active profile's inbox as last saved, or null (none yet, unreadable, or no secure storage):
   * its newest conversations for a first screen, or all of it.
   */
  'inboxCache:load': { request: z.object({ part: inboxCachePartSchema }), response: z.object({ profileId: profileIdSchema, cache: inboxCacheSchema }).nullable() },
  /**
   * A cold start (no copy kept): the active profile's own conversations read over REST (User
   * Conversations, one page), shaped as a kept copy so the window paints them the same way; null
   * when they could not be read (the SDK lists the inbox anyway).
   */
  'inboxCache:coldPage': { request: z.undefined(), response: z.object({ profileId: profileIdSchema, cache: inboxCacheSchema }).nullable() },
  /**
   * Saved only while `profileId` is still the active profile, so a late save can't cross accounts.
   * `snapshot`: the inbox's first screen as HTML for the next launch to paint before the app has
   * loaded (renderer/src/launch); null or absent drops the one kept.
   */
  'inboxCache:save': {
    request: z.object({ profileId: profileIdSchema, cache: inboxCacheSchema, snapshot: z.string().max(LAUNCH_SNAPSHOT_MAX_CHARS).nullable().optional() }),
    response: z.object({ saved: z.boolean() }),
  },
  /**
   * The active profile's queued messages (with their attachments) and drafts, and whose they are
   * (profile and chat identity): a window still waiting for its session can show them already.
   */
  'outbox:load': { request: z.undefined(), response: outboxContentsSchema.extend({ profileId: profileIdSchema, identity: z.string() }) },
  /**
   * Queues (or updates) a message. Like every outbox write, refused (`saved: false`) unless
   * `profileId` is the active profile, so a late write can't cross accounts.
   */
  'outbox:put': { request: z.object({ profileId: profileIdSchema, entry: outboxEntrySchema }), response: z.object({ saved: z.boolean() }) },
  /** Sent, cancelled or failed for good: no longer queued. */
  'outbox:remove': { request: z.object({ profileId: profileIdSchema, key: outboxKeySchema }), response: z.object({ removed: z.boolean() }) },
  /** Sets drafts; an empty text deletes one. */
  'outbox:saveDrafts': {
    request: z.object({ profileId: profileIdSchema, drafts: z.array(draftChangeSchema).max(MAX_DRAFTS) }),
    response: z.object({ saved: z.boolean() }),
  },
  'team:queue': { request: z.undefined(), response: queueSnapshotSchema },
  /** Reads the queue again now (the agent pressed Refresh); answers once the read is queued. */
  'team:refresh': { request: z.undefined(), response: z.null() },
  'team:assign': { request: assignRequestSchema, response: assignResultSchema },
  'team:setState': { request: stateRequestSchema, response: queueRowSchema },
  'team:agents': { request: z.undefined(), response: agentsSchema },
  /** A conversation's messages over REST (newest page first), for a row the agent is not a participant of. */
  'team:messages': { request: teamMessagesRequestSchema, response: teamMessagesSchema },
  /** Another desk changed this conversation (its team feed said so): main reads it again at once and publishes the change. */
  'team:touch': { request: teamTouchRequestSchema, response: z.null() },
  'api:health': { request: z.undefined(), response: apiHealthSchema },
  'canned:list': { request: z.undefined(), response: cannedListSchema },
  'canned:save': { request: cannedResponseSchema, response: cannedListSchema },
  'canned:remove': { request: z.object({ id: z.string().min(1).max(64) }), response: cannedListSchema },
  /** `json`: a file's text as exported; entries with problems are refused one by one, the rest kept. */
  'canned:import': { request: z.object({ json: z.string().max(2 * 1024 * 1024) }), response: cannedImportResultSchema },
  'canned:export': { request: z.undefined(), response: z.object({ json: z.string() }) },
  /** A customer's profile (kept in their participants' attributes) and every conversation of their linked addresses. */
  'customer:profile': { request: customerRequestSchema, response: customerProfileSchema },
  /** Writes the profile into every open conversation's participant of every linked address. */
  'customer:save': { request: customerSaveSchema, response: customerProfileSchema },
  'customer:link': { request: customerLinkSchema, response: customerProfileSchema },
  'customer:unlink': { request: customerLinkSchema, response: customerProfileSchema },
  /** A conversation with the customer on another channel or number (the agent joins it); an open one with that number is reused. */
  'customer:startConversation': { request: startConversationSchema, response: startConversationResultSchema },
  /** The account's SMS numbers (2010-04-01 IncomingPhoneNumbers) and WhatsApp senders. */
  'account:numbers': { request: z.undefined(), response: accountNumbersSchema },
  /** The account's templates' WhatsApp approval (Content API), which the SDK's template list lacks. */
  'content:approvals': { request: z.undefined(), response: templateApprovalsSchema },
  /** Text of messages the window loaded or cached, for main's message search (refused for a profile no longer active). */
  'search:index': { request: searchIndexRequestSchema, response: z.object({ indexed: z.number().int().min(0) }) },
  /** Conversations whose messages hold the query's words, with the best matching message of each. */
  'search:query': { request: searchQueryRequestSchema, response: searchResultSchema },
  /** The active profile's segments, with counts as of the last read of the customers. */
  'segments:list': { request: z.undefined(), response: segmentListSchema },
  /** The live count and preview of a filter being edited (opted-out customers left out). */
  'segments:preview': { request: segmentPreviewRequestSchema, response: segmentPreviewSchema },
  'segments:saveFilter': { request: segmentSaveFilterSchema, response: segmentListSchema },
  /** A CSV's per-row report (invalid, duplicate, opted out); nothing is saved. */
  'segments:checkCsv': { request: segmentCsvCheckSchema, response: csvReportSchema },
  /** Saves a CSV's valid rows as a segment. */
  'segments:saveCsv': { request: segmentSaveCsvSchema, response: segmentListSchema },
  'segments:rename': { request: segmentRenameSchema, response: segmentListSchema },
  /** A saved filter segment's new conditions and name, same id (campaigns already created keep their recipients). */
  'segments:updateFilter': { request: segmentUpdateFilterSchema, response: segmentListSchema },
  'segments:remove': { request: segmentIdRequestSchema, response: segmentListSchema },
  /** The service's webhook configuration (Twilio's Configuration/Webhooks), and whether a test event can be signed. */
  'webhooks:get': { request: z.undefined(), response: webhookSettingsSchema },
  /** Writes the post-event URL, method and filters (pre-event filters already set are kept). */
  'webhooks:save': { request: webhookSaveSchema, response: webhookSettingsSchema },
  /** Main posts a signed sample event to the URL and reports the answer. */
  'webhooks:test': { request: webhookTestRequestSchema, response: webhookTestResultSchema },
  /** A Twilio profile's Auth Token (signs test events), into the vault; it never comes back. */
  'webhooks:setAuthToken': { request: webhookAuthTokenSchema, response: webhookSettingsSchema },
  /** The Local workspace's last 50 webhook deliveries (`available: false` for a Twilio profile). */
  'webhooks:deliveries': { request: z.undefined(), response: webhookDeliveriesSchema },
  /** The analytics screen's figures for these days (from main's cache at once; a read of what changed follows in the background). */
  'analytics:report': { request: analyticsRequestSchema, response: analyticsReportSchema },
  /** What a new campaign can use: the saved segments, the account's numbers, its templates (with WhatsApp approval), the SMS price setting. */
  'campaign:options': { request: z.undefined(), response: campaignOptionsSchema },
  'campaign:list': { request: z.undefined(), response: z.array(campaignSummarySchema).max(10_000) },
  /** Starts sending now (or at `sendAt`), in main. */
  'campaign:create': { request: campaignDraftSchema, response: campaignSummarySchema },
  'campaign:control': { request: campaignControlSchema, response: campaignSummarySchema },
  /** Every recipient's outcome (Twilio's error code when it failed). */
  'campaign:results': { request: z.object({ id: campaignIdSchema }), response: campaignResultsSchema },
  /** The SMS price per segment the cost estimate uses (USD). */
  'campaign:setPrice': { request: z.object({ pricePerSegmentUsd: z.number().nonnegative().max(10) }), response: z.object({ pricePerSegmentUsd: z.number() }) },
} as const;

/** Main → renderer events: channel and payload schema. */
export const eventContract = {
  'session:changed': z.object({ session: sessionSchema }),
  'settings:changed': z.object({ settings: settingsSchema }),
  /** A notification click or a deep link: open this conversation. */
  'desktop:openConversation': z.object({ conversationSid: conversationSidSchema }),
  'desktop:menuCommand': z.object({ command: menuCommandSchema }),
  /** The computer woke from sleep: reconnect now rather than on the SDK's next backoff. */
  'desktop:resumed': z.object({}),
  'local:statusChanged': localStatusSchema,
  'team:queueChanged': queueChangesSchema,
  /** Main finished (or failed) reading analytics' data from Twilio: ask for the report again. */
  'analytics:changed': analyticsChangedSchema,
  /** A campaign's counts changed (at most ~4 a second per campaign) or its status did. */
  'campaign:progress': campaignSummarySchema,
} as const;

export type InvokeChannel = keyof typeof invokeContract;
export type EventChannel = keyof typeof eventContract;
export type InvokeRequest<C extends InvokeChannel> = z.infer<(typeof invokeContract)[C]['request']>;
export type InvokeResponse<C extends InvokeChannel> = z.infer<(typeof invokeContract)[C]['response']>;
export type EventPayload<C extends EventChannel> = z.infer<(typeof eventContract)[C]>;

/** The channel names used on the wire carry one prefix so main can refuse anything else. */
export const CHANNEL_PREFIX = 'desk:';
export const wireChannel = (c: InvokeChannel | EventChannel): string => `${CHANNEL_PREFIX}${c}`;

// The bridge's method and event names live in a module without schemas, so the renderer's HTTP
// bridge (tests, dev) can load without building every channel's zod schema at launch.
export { bridgeEventNames, bridgeMethodNames } from './bridge-names';

type InvokeMethods = {
  [C in InvokeChannel as (typeof bridgeMethodNames)[C]]: InvokeRequest<C> extends undefined
    ? () => Promise<IpcResult<InvokeResponse<C>>>
    : (request: InvokeRequest<C>) => Promise<IpcResult<InvokeResponse<C>>>;
};
type EventMethods = {
  [C in EventChannel as (typeof bridgeEventNames)[C]]: (listener: (payload: EventPayload<C>) => void) => () => void;
};

/** What `window.desk` offers the renderer. */
export type DeskBridge = InvokeMethods & EventMethods & { readonly platform: string };
