import {
  attributesBytes,
  attributesWithProfile,
  bareNumber,
  channelOfAddress,
  EMPTY_FIELDS,
  MAX_LINKED_ADDRESSES,
  PARTICIPANT_ATTRIBUTES_BYTES,
  storedProfileSchema,
  type AccountNumbers,
  type CustomerConversation,
  type CustomerFields,
  type CustomerProfile,
  type StoredProfile,
} from '../../../shared/ipc/customer-schema';
import { english, type Translate } from '../desktop/locale';
import { DeskError } from '../errors';
import type { RestClient } from '../rest/rest-client';
import type { Priority } from '../rest/governor';
import { toDeskError, twilioCode } from '../team/twilio-errors';
import { attributesObject } from '../team/desk-attributes';
import type { CustomerPort } from './customer-port';

export interface CustomerServiceDeps {
  /**
   * The active profile's governed REST client (shared with the team queue: one budget per account)
   * and the desk's own chat identity on it (added to conversations it starts; named as who saved a
   * profile), read together: asked apart, a profile switch between the two could add one account's
   * agent to another account's conversation.
   */
  client(): Promise<{ rest: RestClient; identity: string }>;
  /**
   * WhatsApp senders the account talks from, when known otherwise than from its phone numbers
   * (the Local workspace's emulator settings); null: use the phone numbers with a `whatsapp:` prefix.
   */
  whatsappSenders?(): Promise<string[] | null>;
  t?: Translate;
  log?: (line: string) => void;
}

/** Participants whose attributes are read to find the newest profile copy: the newest conversations'. */
const PROFILE_READS = 5;
/** Conversations listed per address (Participant Conversations pages by 50 by default; 1,000 at most). */
const CONVERSATIONS_PER_ADDRESS = 1000;

type ParticipantConversation = {
  participantSid: string;
  participantMessagingBinding: { address?: string; proxy_address?: string | null } | null;
  conversationSid: string;
  conversationFriendlyName: string | null;
  conversationState: 'active' | 'inactive' | 'closed';
  conversationDateCreated: Date | null;
  conversationDateUpdated: Date | null;
};

type Copy = { conversation: CustomerConversation; attributes: Record<string, unknown>; profile: StoredProfile | null };

const storedOf = (attributes: Record<string, unknown>): StoredProfile | null => {
  const parsed = storedProfileSchema.safeParse(attributes['profile']);
  return parsed.success ? parsed.data : null;
};

const open = (c: CustomerConversation) => c.state !== 'closed';
const newestFirst = (a: CustomerConversation, b: CustomerConversation) => b.dateUpdated - a.dateUpdated || b.dateCreated - a.dateCreated;

/**
 * Customer profiles in Twilio: the profile lives in the attributes of the customer's participants
 * (`profile`, and the top-level `name`), in every open conversation of every linked address, so
 * every agent's desk reads the same without a store of the desk's own. Closed conversations are
 * final in Twilio (50377), so their copies stay as they were when the conversation closed.
 */
export function createCustomerService(deps: CustomerServiceDeps): CustomerPort {
  const t = deps.t ?? english;
  const log = deps.log ?? (() => {});

  const fail = (error: unknown): never => {
    throw toDeskError(error, { t });
  };

  const conversations = async (rest: RestClient, address: string): Promise<CustomerConversation[]> => {
    const items = (await rest.twilio.conversations.v1
      .services(rest.serviceSid)
      .participantConversations.list({ address, pageSize: 100, limit: CONVERSATIONS_PER_ADDRESS })) as unknown as ParticipantConversation[];
    return items.map((p) => ({
      sid: p.conversationSid,
      friendlyName: p.conversationFriendlyName ?? null,
      state: p.conversationState,
      channel: channelOfAddress(address),
      address,
      proxyAddress: p.participantMessagingBinding?.proxy_address ?? null,
      participantSid: p.participantSid,
      dateCreated: p.conversationDateCreated?.getTime() ?? 0,
      dateUpdated: p.conversationDateUpdated?.getTime() ?? 0,
    }));
  };

  const participant = (rest: RestClient, c: Pick<CustomerConversation, 'sid' | 'participantSid'>) =>
    rest.twilio.conversations.v1.services(rest.serviceSid).conversations(c.sid).participants(c.participantSid);

  const readCopy = async (rest: RestClient, conversation: CustomerConversation): Promise<Copy> => {
    const p = (await participant(rest, conversation).fetch()) as unknown as { attributes?: string | null };
    const attributes = attributesObject(p.attributes);
    return { conversation, attributes, profile: storedOf(attributes) };
  };

  /** The newest profile copy among the newest conversations (open ones first), and a name to start from. */
  const newestCopy = async (rest: RestClient, list: CustomerConversation[]): Promise<{ profile: StoredProfile | null; name: string }> => {
    const candidates = [...list].sort((a, b) => Number(open(b)) - Number(open(a)) || newestFirst(a, b)).slice(0, PROFILE_READS);
    const copies = await Promise.all(candidates.map((c) => readCopy(rest, c).catch(() => null)));
    let best: StoredProfile | null = null;
    let name = '';
    for (const copy of copies) {
      if (!copy) continue;
      if (copy.profile && (!best || copy.profile.updatedAt > best.updatedAt)) best = copy.profile;
      const plain = copy.attributes['name'];
      if (!name && typeof plain === 'string') name = plain.trim();
    }
    return { profile: best, name };
  };

  /** Every conversation of these addresses, one row per conversation and address, newest first. */
  const allConversations = async (rest: RestClient, addresses: readonly string[], known: Map<string, CustomerConversation[]>) => {
    const lists = await Promise.all(addresses.map(async (a) => known.get(a) ?? conversations(rest, a)));
    return lists.flat().sort(newestFirst);
  };

  const read = async (rest: RestClient, address: string): Promise<CustomerProfile> => {
    const own = await conversations(rest, address);
    const { profile, name } = await newestCopy(rest, own);
    const linked = profile && profile.addresses.includes(address) ? profile.addresses : [address];
    const addresses = [address, ...linked.filter((a) => a !== address)].slice(0, MAX_LINKED_ADDRESSES);
    const list = await allConversations(rest, addresses, new Map([[address, own]]));
    const fields: CustomerFields = profile
      ? { name: profile.name, email: profile.email, company: profile.company, tags: profile.tags, notes: profile.notes }
      : { ...EMPTY_FIELDS, name };
    return { address, fields, addresses, conversations: list, updatedAt: profile?.updatedAt ?? null, updatedBy: profile?.updatedBy ?? null };
  };

  const tooLarge = (bytes: number): DeskError => {
    const message = t('errors.customer.tooLarge', { max: PARTICIPANT_ATTRIBUTES_BYTES, bytes });
    return new DeskError('invalid-input', message, { notes: message });
  };

  /**
   * Writes `profile` into the participants of these conversations (the open ones: closed ones are
   * final). Every copy is read and sized first, so a profile too large for one participant writes
   * nowhere; then the one on screen is written at interactive priority, the rest in the background.
   */
  const writeAll = async (rest: RestClient, targets: CustomerConversation[], profile: (c: CustomerConversation) => StoredProfile, visible?: string) => {
    const writable = targets.filter(open);
    if (writable.length === 0) throw new DeskError('invalid-input', t('errors.customer.noOpenConversation'));
    const first = writable.find((c) => c.sid === visible) ?? writable[0];
    const priorityOf = (c: CustomerConversation): Priority => (c === first ? 'interactive' : 'background');
    const copies = await Promise.all(writable.map((c) => rest.withPriority(priorityOf(c), () => readCopy(rest, c))));
    const next = copies.map((copy) => ({ copy, attributes: attributesWithProfile(copy.attributes, profile(copy.conversation)) }));
    const largest = Math.max(...next.map((n) => attributesBytes(n.attributes)));
    if (largest > PARTICIPANT_ATTRIBUTES_BYTES) throw tooLarge(largest);
    const write = (n: (typeof next)[number]) =>
      rest.withPriority(priorityOf(n.copy.conversation), () => participant(rest, n.copy.conversation).update({ attributes: JSON.stringify(n.attributes) }));
    const [head, ...rest_] = [next.find((n) => n.copy.conversation === first) as (typeof next)[number], ...next.filter((n) => n.copy.conversation !== first)];
    await write(head);
    const results = await Promise.allSettled(rest_.map(write));
    const failed = results.filter((r) => r.status === 'rejected');
    // A conversation closed meanwhile keeps its old copy, as closed ones do; anything else is said.
    const real = failed.filter((r) => twilioCode((r as PromiseRejectedResult).reason) !== 50377);
    if (real.length > 0) {
      log(`customers: ${real.length} of ${next.length} profile copies not written: ${String((real[0] as PromiseRejectedResult).reason)}`);
      throw new DeskError('twilio', t('errors.customer.partlySaved', { failed: real.length, total: next.length }));
    }
  };

  const stamp = (rest: RestClient, by: string, fields: CustomerFields, addresses: string[]): StoredProfile => ({
    v: 1,
    ...fields,
    addresses,
    updatedAt: new Date(rest.clock.now()).toISOString(),
    updatedBy: by,
  });

  const merge = (a: CustomerFields, b: CustomerFields): CustomerFields => ({
    name: a.name || b.name,
    email: a.email || b.email,
    company: a.company || b.company,
    tags: [...new Set([...a.tags, ...b.tags])],
    notes: a.notes && b.notes && a.notes !== b.notes ? `${a.notes}\n\n${b.notes}` : a.notes || b.notes,
  });

  const withRest = async <T>(task: (rest: RestClient, me: string) => Promise<T>): Promise<T> => {
    const { rest, identity } = await deps.client();
    try {
      return await task(rest, identity);
    } catch (error) {
      return fail(error);
    }
  };

  const smsNumbers = async (rest: RestClient) => {
    const numbers = (await rest.twilio.incomingPhoneNumbers.list({ pageSize: 1000, limit: 1000 })) as unknown as {
      phoneNumber: string;
      friendlyName?: string | null;
      capabilities?: { sms?: boolean; SMS?: boolean } | null;
    }[];
    return numbers
      .filter((n) => n.capabilities?.sms !== false && n.capabilities?.SMS !== false)
      .map((n) => ({ number: n.phoneNumber, friendlyName: n.friendlyName ?? null }));
  };

  return {
    profile: (address) => withRest((rest) => read(rest, address)),

    save: ({ address, fields, conversationSid }) =>
      withRest(async (rest, me) => {
        const current = await read(rest, address);
        const profile = stamp(rest, me, fields, current.addresses);
        await writeAll(rest, current.conversations, () => profile, conversationSid);
        return { ...current, fields, updatedAt: profile.updatedAt, updatedBy: profile.updatedBy };
      }),

    link: ({ address, other, conversationSid }) =>
      withRest(async (rest, me) => {
        if (other === address) throw new DeskError('invalid-input', t('errors.customer.linkSelf'), { other: t('errors.customer.linkSelf') });
        const [mine, theirs] = await Promise.all([read(rest, address), read(rest, other)]);
        if (theirs.conversations.length === 0) {
          const message = t('errors.customer.unknownAddress', { address: other });
          throw new DeskError('invalid-input', message, { other: message });
        }
        const addresses = [...new Set([...mine.addresses, ...theirs.addresses])];
        if (addresses.length > MAX_LINKED_ADDRESSES) throw new DeskError('invalid-input', t('errors.customer.tooManyLinked', { max: MAX_LINKED_ADDRESSES }));
        const fields = merge(mine.fields, theirs.fields);
        const profile = stamp(rest, me, fields, addresses);
        const every = await allConversations(rest, addresses, new Map());
        await writeAll(rest, every, () => profile, conversationSid);
        return read(rest, address);
      }),

    unlink: ({ address, other, conversationSid }) =>
      withRest(async (rest, me) => {
        const mine = await read(rest, address);
        if (!mine.addresses.includes(other)) return mine;
        const remaining = mine.addresses.filter((a) => a !== other);
        const stayed = stamp(rest, me, mine.fields, remaining);
        // The one who leaves keeps a copy of what was known, on its own.
        const left = { ...stayed, addresses: [other] };
        const every = mine.conversations;
        await writeAll(rest, every, (c) => (c.address === other ? left : stayed), conversationSid);
        return read(rest, address);
      }),

    startConversation: ({ address, proxyAddress, profileAddress, identity }) =>
      withRest(async (rest, me) => {
        const channel = channelOfAddress(address);
        const proxy = channel === 'whatsapp' ? `whatsapp:${bareNumber(proxyAddress)}` : bareNumber(proxyAddress);
        const agent = identity ?? me;
        // One open conversation per customer address and business number (Twilio refuses a second, 50416): that one opens.
        const existing = (await conversations(rest, address)).find((c) => open(c) && c.proxyAddress === proxy);
        if (existing) return { conversationSid: existing.sid, existing: true };
        const source = profileAddress ? await read(rest, profileAddress) : null;
        const addresses = source ? [...new Set([...source.addresses, address])].slice(0, MAX_LINKED_ADDRESSES) : [address];
        const fields = source?.fields ?? EMPTY_FIELDS;
        const profile = stamp(rest, me, fields, addresses);
        const attributes = attributesWithProfile({}, profile);
        if (attributesBytes(attributes) > PARTICIPANT_ATTRIBUTES_BYTES) throw tooLarge(attributesBytes(attributes));
        const service = rest.twilio.conversations.v1.services(rest.serviceSid);
        const created = await service.conversations.create({ friendlyName: fields.name || bareNumber(address) });
        try {
          await service.conversations(created.sid).participants.create({
            'messagingBinding.address': address,
            'messagingBinding.proxyAddress': proxy,
            attributes: JSON.stringify(attributes),
          });
          await service.conversations(created.sid).participants.create({ identity: agent });
        } catch (error) {
          // Nothing half-made: the empty conversation goes again.
          await service
            .conversations(created.sid)
            .remove()
            .catch(() => undefined);
          throw error;
        }
        // The other addresses' participants learn of the new address in the background.
        if (source && !source.addresses.includes(address)) {
          void rest
            .withPriority('background', () => writeAll(rest, source.conversations, () => profile))
            .catch((e: unknown) => log(`customers: could not link the new address everywhere: ${(e as Error).message}`));
        }
        return { conversationSid: created.sid, existing: false };
      }),

    numbers: () =>
      withRest(async (rest): Promise<AccountNumbers> => {
        const sms = await smsNumbers(rest).catch((error: unknown) => {
          log(`customers: could not list the account's numbers: ${(error as Error).message}`);
          return [];
        });
        const senders = (await deps.whatsappSenders?.()) ?? null;
        const whatsapp = senders
          ? senders.map((s) => ({ number: s.startsWith('whatsapp:') ? s : `whatsapp:${s}`, friendlyName: null }))
          : sms.map((n) => ({ number: `whatsapp:${n.number}`, friendlyName: n.friendlyName }));
        return { sms, whatsapp };
      }),
  };
}
