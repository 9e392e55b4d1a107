import type { PhoneNumberRecord } from '../control/phone-numbers';
import { TwilioError, badRequest } from '../util/errors';
import type { RestRouter } from './context';
import { MAX_PAGE_SIZE } from './paging';

/** The account's numbers, as the classic API lists them. */
export interface PhoneNumbersPort {
  list(): PhoneNumberRecord[];
}

const API_VERSION = '2010-04-01';
/** The 2010-04-01 API's default page size. */
const DEFAULT_PAGE_SIZE = 50;

/** The 2010-04-01 API dates resources in RFC 2822: `Thu, 30 Jul 2015 23:19:04 +0000`. */
export const rfc2822 = (iso: string): string => new Date(iso).toUTCString().replace(/GMT$/, '+0000');

/**
 * `GET /2010-04-01/Accounts/{AC}/IncomingPhoneNumbers.json` and `/IncomingPhoneNumbers/{PN}.json`:
 * the account's SMS numbers in the classic API's shape (snake_case, relative `uri`s, RFC 2822
 * dates, `page`/`page_size`/`start`/`end`/`*_page_uri` paging at the top level rather than in
 * `meta`), which twilio-node's `client.incomingPhoneNumbers.list()` reads. Read-only: numbers are
 * "bought" through `/emulator/settings` (SmsNumbers). Filters: `PhoneNumber` (digits contained,
 * as Twilio matches a pattern of digits) and `FriendlyName` (exact).
 */
export function phoneNumberRoutes(router: RestRouter, port: PhoneNumbersPort, accountSid: string): void {
  const base = `/${API_VERSION}/Accounts/:account/IncomingPhoneNumbers`;
  const checkAccount = (account: string | undefined, path: string): string => {
    if (account !== accountSid) throw new TwilioError(404, 20404, `The requested resource ${path} was not found`);
    return account;
  };

  router.on('GET', `${base}.json`, (ctx, { account }) => {
    const ac = checkAccount(account, ctx.req.path);
    const pageSize = ctx.params.int('PageSize', 1, MAX_PAGE_SIZE) ?? DEFAULT_PAGE_SIZE;
    const page = ctx.params.int('Page', 0, Number.MAX_SAFE_INTEGER) ?? 0;
    const digits = ctx.params.str('PhoneNumber')?.replace(/[^\d]/g, '');
    const friendlyName = ctx.params.str('FriendlyName');
    const beta = ctx.params.str('Beta');
    if (beta !== undefined && beta !== 'true' && beta !== 'false') throw badRequest(`Beta must be true or false, got ${JSON.stringify(beta.slice(0, 20))}`);
    // Beta=false leaves out numbers new to Twilio; the emulator's numbers are none of those.
    const all = port.list().filter((n) => (!digits || n.phoneNumber.replace(/[^\d]/g, '').includes(digits)) && (friendlyName === undefined || n.friendlyName === friendlyName));
    const start = page * pageSize;
    const items = all.slice(start, start + pageSize);
    const listUri = `/${API_VERSION}/Accounts/${ac}/IncomingPhoneNumbers.json`;
    const uriFor = (n: number): string => {
      const q = new URLSearchParams();
      for (const [k, v] of [
        ['FriendlyName', friendlyName],
        ['PhoneNumber', ctx.params.str('PhoneNumber')],
        ['Beta', beta],
      ] as const) {
        if (v !== undefined) q.set(k, v);
      }
      q.set('PageSize', String(pageSize));
      q.set('Page', String(n));
      return `${listUri}?${q.toString()}`;
    };
    return {
      status: 200,
      body: {
        incoming_phone_numbers: items.map((n) => phoneNumberResource(ac, n)),
        end: items.length ? start + items.length - 1 : start,
        first_page_uri: uriFor(0),
        next_page_uri: start + pageSize < all.length ? uriFor(page + 1) : null,
        page,
        page_size: pageSize,
        previous_page_uri: page > 0 ? uriFor(page - 1) : null,
        start,
        uri: uriFor(page),
      },
    };
  });

  router.on('GET', `${base}/:sid`, (ctx, { account, sid }) => {
    const ac = checkAccount(account, ctx.req.path);
    const wanted = (sid ?? '').replace(/\.json$/, '');
    const n = port.list().find((x) => x.sid === wanted);
    if (!n) throw new TwilioError(404, 20404, `The requested resource ${ctx.req.path} was not found`);
    return { status: 200, body: phoneNumberResource(ac, n) };
  });
}

/**
 * One IncomingPhoneNumber with the fields twilio-node maps. Numbers answer through Conversations
 * (no webhooks of their own), so the URL and application fields are empty, as on a freshly
 * bought number; SMS and MMS are what the emulator carries, voice is nominal.
 */
export function phoneNumberResource(accountSid: string, n: PhoneNumberRecord): Record<string, unknown> {
  return {
    account_sid: accountSid,
    address_requirements: 'none',
    address_sid: null,
    api_version: API_VERSION,
    beta: false,
    bundle_sid: null,
    capabilities: { fax: false, mms: true, sms: true, voice: true },
    date_created: rfc2822(n.dateCreated),
    date_updated: rfc2822(n.dateUpdated),
    emergency_address_sid: null,
    emergency_address_status: 'unregistered',
    emergency_status: 'Inactive',
    friendly_name: n.friendlyName,
    identity_sid: null,
    origin: 'twilio',
    phone_number: n.phoneNumber,
    sid: n.sid,
    sms_application_sid: '',
    sms_fallback_method: 'POST',
    sms_fallback_url: '',
    sms_method: 'POST',
    sms_url: '',
    status: 'in-use',
    status_callback: '',
    status_callback_method: 'POST',
    subresource_uris: { assigned_add_ons: `/${API_VERSION}/Accounts/${accountSid}/IncomingPhoneNumbers/${n.sid}/AssignedAddOns.json` },
    trunk_sid: null,
    type: 'local',
    uri: `/${API_VERSION}/Accounts/${accountSid}/IncomingPhoneNumbers/${n.sid}.json`,
    voice_application_sid: '',
    voice_caller_id_lookup: false,
    voice_fallback_method: 'POST',
    voice_fallback_url: '',
    voice_method: 'POST',
    voice_receive_mode: 'voice',
    voice_url: '',
  };
}
