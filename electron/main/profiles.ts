import { randomUUID } from 'node:crypto';
import { rename } from 'node:fs/promises';
import { z } from 'zod';
import type { ProfileInput, ProfileSummary } from '../../shared/ipc/contract';
import { readFileIfExists, writeFileAtomic } from './atomic-file';
import { DeskError } from './errors';
import type { Vault } from './vault';

export const LOCAL_PROFILE_ID = 'local';

/** What main needs to talk to Twilio for one profile. Contains the secret: never leaves main. */
export interface TwilioCredentials {
  accountSid: string;
  apiKeySid: string;
  apiKeySecret: string;
  serviceSid: string;
  identity: string;
}

export interface ProfileStore {
  /** The Local workspace first, then Twilio profiles in the order they were added. */
  list(): Promise<ProfileSummary[]>;
  get(id: string): Promise<ProfileSummary>;
  /** Adds (no id) or edits (id). Editing without apiKeySecret keeps the stored secret. */
  save(input: ProfileInput): Promise<ProfileSummary>;
  /** Removing the active profile makes the Local workspace active. */
  remove(id: string): Promise<void>;
  activeId(): Promise<string>;
  setActive(id: string): Promise<ProfileSummary>;
  /** Main-only: the stored profile with its secret, for minting tokens. */
  credentials(id: string): Promise<TwilioCredentials>;
  /** The secret a not-yet-saved input would use: the typed one, else the stored one of input.id. */
  credentialsFor(input: ProfileInput): Promise<TwilioCredentials>;
}

export interface ProfileStoreDeps {
  /** JSON file with the non-secret fields, e.g. `<userData>/profiles.json`. */
  file: string;
  vault: Vault;
  /** Who the agent is in the Local workspace. */
  localIdentity: string;
  newId?: () => string;
  log?: (line: string) => void;
}

const storedProfileSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string(),
  accountSid: z.string(),
  apiKeySid: z.string(),
  serviceSid: z.string(),
  identity: z.string(),
  /** Masked form kept beside the profile so listing never has to decrypt (which may prompt the OS). */
  secretHint: z.string(),
});
type StoredProfile = z.infer<typeof storedProfileSchema>;

const profilesFileSchema = z.object({
  version: z.literal(1),
  activeId: z.string(),
  profiles: z.array(storedProfileSchema),
});
type ProfilesFile = z.infer<typeof profilesFileSchema>;

/** "••••••••3f9a": enough to recognise which secret is stored, not enough to use it. */
export function maskSecret(secret: string): string {
  return `••••••••${secret.length > 8 ? secret.slice(-4) : ''}`;
}

const notFound = (id: string) => new DeskError('not-found', `There is no profile with id "${id}".`);
/** `message` is a `validation.*` key: dispatch words it in the desk's language. */
const secretRequired = (message: string) => new DeskError('invalid-input', message, { apiKeySecret: message });

export function createProfileStore({ file, vault, localIdentity, newId = randomUUID, log = () => {} }: ProfileStoreDeps): ProfileStore {
  // One change at a time. Not a write queue (writeFileAtomic already orders writes to the file):
  // each change reads the file, awaits the vault, then writes, so two saves racing would each
  // write a file missing the other's profile. This keeps read-modify-write whole.
  let queue: Promise<unknown> = Promise.resolve();
  const serialized = <T>(work: () => Promise<T>): Promise<T> => {
    const result = queue.then(work);
    queue = result.catch(() => undefined);
    return result;
  };

  const load = async (): Promise<ProfilesFile> => {
    const bytes = await readFileIfExists(file);
    if (bytes === null) return { version: 1, activeId: LOCAL_PROFILE_ID, profiles: [] };
    let json: unknown = null;
    try {
      json = JSON.parse(bytes.toString('utf8'));
    } catch {
      // Not JSON at all: handled below like JSON of the wrong shape.
    }
    const parsed = profilesFileSchema.safeParse(json);
    if (parsed.success) return parsed.data;
    // Keep the damaged file for a human to look at, and start over rather than refuse to run.
    const aside = `${file}.damaged-${Date.now()}`;
    await rename(file, aside);
    log(`profiles: ${file} was unreadable; moved to ${aside} and started with no Twilio profiles`);
    return { version: 1, activeId: LOCAL_PROFILE_ID, profiles: [] };
  };
  const store = (data: ProfilesFile) => writeFileAtomic(file, `${JSON.stringify(data, null, 2)}\n`);

  const localSummary = (activeId: string): ProfileSummary => ({
    id: LOCAL_PROFILE_ID,
    kind: 'local',
    name: 'Local workspace',
    identity: localIdentity,
    accountSid: null,
    apiKeySid: null,
    serviceSid: null,
    secretHint: null,
    active: activeId === LOCAL_PROFILE_ID,
  });
  const summary = (p: StoredProfile, activeId: string): ProfileSummary => ({
    id: p.id,
    kind: 'twilio',
    name: p.name,
    identity: p.identity,
    accountSid: p.accountSid,
    apiKeySid: p.apiKeySid,
    serviceSid: p.serviceSid,
    secretHint: p.secretHint,
    active: p.id === activeId,
  });
  const findSummary = (data: ProfilesFile, id: string): ProfileSummary => {
    if (id === LOCAL_PROFILE_ID) return localSummary(data.activeId);
    const found = data.profiles.find((p) => p.id === id);
    if (!found) throw notFound(id);
    return summary(found, data.activeId);
  };
  const storedSecret = async (id: string): Promise<string> => {
    const secret = await vault.get(id);
    if (secret === null) throw secretRequired('validation.secretMissing');
    return secret;
  };
  const refuseLocal = (id: string | undefined, what: string) => {
    if (id === LOCAL_PROFILE_ID) throw new DeskError('denied', `The Local workspace is built in and cannot be ${what}.`);
  };

  return {
    async list() {
      const data = await load();
      return [localSummary(data.activeId), ...data.profiles.map((p) => summary(p, data.activeId))];
    },

    async get(id) {
      return findSummary(await load(), id);
    },

    save: (input) =>
      serialized(async () => {
        refuseLocal(input.id, 'edited');
        const data = await load();
        const existing = input.id === undefined ? undefined : data.profiles.find((p) => p.id === input.id);
        if (input.id !== undefined && !existing) throw notFound(input.id);
        if (input.apiKeySecret === undefined) {
          if (!existing) throw secretRequired('validation.apiKeySecretRequired');
          // A secret belongs to its key: keeping the old secret for a different key cannot work.
          if (existing.apiKeySid !== input.apiKeySid) throw secretRequired('validation.newKeySecret');
        }
        const id = existing?.id ?? newId();
        // The secret is stored first: if the vault refuses, nothing about the profile is saved.
        if (input.apiKeySecret !== undefined) await vault.set(id, input.apiKeySecret);
        const profile: StoredProfile = {
          id,
          name: input.name,
          accountSid: input.accountSid,
          apiKeySid: input.apiKeySid,
          serviceSid: input.serviceSid,
          identity: input.identity,
          secretHint: input.apiKeySecret === undefined ? (existing?.secretHint ?? '') : maskSecret(input.apiKeySecret),
        };
        const profiles = existing ? data.profiles.map((p) => (p.id === id ? profile : p)) : [...data.profiles, profile];
        await store({ ...data, profiles });
        return summary(profile, data.activeId);
      }),

    remove: (id) =>
      serialized(async () => {
        refuseLocal(id, 'removed');
        const data = await load();
        if (!data.profiles.some((p) => p.id === id)) throw notFound(id);
        await store({
          ...data,
          activeId: data.activeId === id ? LOCAL_PROFILE_ID : data.activeId,
          profiles: data.profiles.filter((p) => p.id !== id),
        });
        await vault.delete(id);
      }),

    async activeId() {
      const data = await load();
      // A hand-edited file may name a profile that is gone; fall back rather than fail at startup.
      return data.activeId === LOCAL_PROFILE_ID || data.profiles.some((p) => p.id === data.activeId)
        ? data.activeId
        : LOCAL_PROFILE_ID;
    },

    setActive: (id) =>
      serialized(async () => {
        const data = await load();
        findSummary(data, id);
        const next = { ...data, activeId: id };
        await store(next);
        return findSummary(next, id);
      }),

    async credentials(id) {
      refuseLocal(id, 'used with Twilio credentials');
      const data = await load();
      const p = data.profiles.find((candidate) => candidate.id === id);
      if (!p) throw notFound(id);
      const { accountSid, apiKeySid, serviceSid, identity } = p;
      return { accountSid, apiKeySid, serviceSid, identity, apiKeySecret: await storedSecret(id) };
    },

    async credentialsFor(input) {
      const { accountSid, apiKeySid, serviceSid, identity } = input;
      if (input.apiKeySecret !== undefined) return { accountSid, apiKeySid, serviceSid, identity, apiKeySecret: input.apiKeySecret };
      if (input.id === undefined || input.id === LOCAL_PROFILE_ID) throw secretRequired('validation.apiKeySecretRequired');
      const stored = (await load()).profiles.find((p) => p.id === input.id);
      if (!stored) throw notFound(input.id);
      if (stored.apiKeySid !== apiKeySid) throw secretRequired('validation.newKeySecret');
      return { accountSid, apiKeySid, serviceSid, identity, apiKeySecret: await storedSecret(input.id) };
    },
  };
}
