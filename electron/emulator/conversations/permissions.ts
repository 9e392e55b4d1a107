import { TwilioError } from '../util/errors';
import { CODES } from './limits';
import type { Permission } from './roles';
import type { ConversationsService } from './service';

/**
 * What an SDK caller may do, as Twilio decides it: the permissions of the user's service role
 * (every conversation of the service) joined with those of their participant's conversation
 * role (that conversation only). REST callers hold the account's credentials and are not subject
 * to roles. A refusal is Twilio's 50107 "User not authorized for command" (403).
 */
export class Permissions {
  constructor(private readonly svc: ConversationsService) {}

  granted(identity: string, conversationSid: string | null): Set<string> {
    const user = this.svc.findUser(identity);
    const participant = conversationSid ? this.svc.participantOfIdentity(conversationSid, identity) : undefined;
    return this.svc.roles.permissionsOf(user?.roleSid ?? this.svc.roles.defaults.service, participant?.roleSid);
  }

  /** Passes when the caller holds at least one of `anyOf`. */
  require(identity: string, conversationSid: string | null, anyOf: Permission | Permission[], action: string): void {
    const wanted = Array.isArray(anyOf) ? anyOf : [anyOf];
    const have = this.granted(identity, conversationSid);
    if (wanted.some((p) => have.has(p))) return;
    throw new TwilioError(403, CODES.notAuthorized, `User not authorized for command: ${identity} may not ${action} (needs ${wanted.join(' or ')})`);
  }

  /** `own` or `any` permission, by whether the caller owns the thing. */
  requireOwnOrAny(identity: string, conversationSid: string, owner: string | null, own: Permission, any: Permission, action: string): void {
    this.require(identity, conversationSid, owner === identity ? [own, any] : any, action);
  }
}
