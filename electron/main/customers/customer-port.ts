import type {
  AccountNumbers,
  CustomerLink,
  CustomerProfile,
  CustomerSave,
  StartConversation,
  StartConversationResult,
} from '../../../shared/ipc/customer-schema';
import { DeskError } from '../errors';

/** Customer profiles kept in Twilio (participant attributes), for the active profile. */
export interface CustomerPort {
  /** The profile of the person at `address`, with every conversation of every address linked to them. */
  profile(address: string): Promise<CustomerProfile>;
  save(request: CustomerSave): Promise<CustomerProfile>;
  /** `other` becomes the same person as `address`; both sides' participants carry the link. */
  link(request: CustomerLink): Promise<CustomerProfile>;
  unlink(request: CustomerLink): Promise<CustomerProfile>;
  startConversation(request: StartConversation & { identity?: string }): Promise<StartConversationResult>;
  numbers(): Promise<AccountNumbers>;
}

const unavailable = (): never => {
  throw new DeskError('unavailable', 'Customer profiles are not available yet.');
};

/** Until wired: every call says so plainly. */
export const inertCustomers: CustomerPort = {
  profile: async () => unavailable(),
  save: async () => unavailable(),
  link: async () => unavailable(),
  unlink: async () => unavailable(),
  startConversation: async () => unavailable(),
  numbers: async () => ({ sms: [], whatsapp: [] }),
};
