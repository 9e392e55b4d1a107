/**
 * Phone-number rules for SMS and WhatsApp participants. Pure: no DOM, no node.
 * Twilio wants E.164 ("+14155550123"); WhatsApp addresses carry a "whatsapp:" prefix on the wire.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { englishT, type Translate } from '../i18n/translator';

export type PhoneChannel = 'sms' | 'whatsapp';

export type AddressResult = { ok: true; e164: string } | { ok: false; message: string };

export interface PhoneRules {
  /**
   * Real Twilio needs numbers that exist (`isValid`). The Local workspace uses fictional ranges
   * such as +1 555 555 01xx, which libphonenumber calls "possible" but not "valid", so it is lenient.
   */
  strict: boolean;
  /**
   * Where a number typed without "+" is dialled from: the business number's country. Agents type
   * customers' numbers the way they read them ("(415) 555-0123", "07700 900123").
   */
  region?: PhoneRegion | null;
}

/**
 * A country when libphonenumber knows it; else only the calling code (fictional ranges such as the
 * Local workspace's +1 555 555 01xx belong to no country, but "+1" still says how to read "415…").
 */
export interface PhoneRegion {
  country?: CountryCode;
  callingCode: string;
}

/** The region of a business (proxy) number, or null when it is no phone number. */
export function regionOf(businessNumber: string | null | undefined): PhoneRegion | null {
  if (!businessNumber) return null;
  const parsed = parsePhoneNumberFromString(stripChannelPrefix(businessNumber));
  if (!parsed) return null;
  return parsed.country ? { country: parsed.country, callingCode: parsed.countryCallingCode } : { callingCode: parsed.countryCallingCode };
}

/** "0044 7700…" is "+44 7700…" from most of the world; with only a calling code libphonenumber can't tell. */
const internationalPrefix = (raw: string) => raw.replace(/^00(?=[1-9])/, '+');

function parseWith(raw: string, region: PhoneRegion | null | undefined) {
  if (raw.startsWith('+')) return parsePhoneNumberFromString(raw);
  if (!region) return undefined;
  return region.country
    ? parsePhoneNumberFromString(raw, region.country)
    : parsePhoneNumberFromString(internationalPrefix(raw), { defaultCallingCode: region.callingCode });
}

const EXAMPLE = '+14155550123';

/** Strips a "whatsapp:" prefix so users may paste either form. */
export function stripChannelPrefix(input: string): string {
  return input.trim().replace(/^whatsapp:/i, '').trim();
}

/** Messages come in `t`'s language (the window passes its `i18n.t`); English without one. */
export function validatePhoneNumber(input: string, rules: PhoneRules = { strict: true }, t: Translate = englishT): AddressResult {
  const raw = stripChannelPrefix(input);
  if (raw === '') return { ok: false, message: t('phone.required') };
  const invalid = (): AddressResult => ({
    ok: false,
    message: rules.region ? t('phone.invalidNational', { input: raw, example: EXAMPLE, code: rules.region.callingCode }) : t('phone.invalid', { input: raw, example: EXAMPLE }),
  });
  if (!raw.startsWith('+') && !rules.region) return invalid();
  const parsed = parseWith(raw, rules.region);
  const acceptable = parsed !== undefined && (rules.strict ? parsed.isValid() : parsed.isPossible());
  if (!parsed || !acceptable) return invalid();
  return { ok: true, e164: parsed.number };
}

/** The address as Twilio stores it for the channel. */
export function toChannelAddress(e164: string, channel: PhoneChannel): string {
  return channel === 'whatsapp' ? `whatsapp:${e164}` : e164;
}

/** Human rendering: "+1 415 555 0123"; falls back to the input for anything unparseable. */
export function formatPhoneNumber(address: string): string {
  const raw = stripChannelPrefix(address);
  const parsed = parsePhoneNumberFromString(raw);
  return parsed ? parsed.formatInternational() : raw;
}

export interface RosterEntry {
  type: string;
  identity: string | null;
  address: string | null;
}

/** Message for a duplicate, or null. Compares E.164 digits so formatting differences don't matter. */
export function findDuplicatePhone(roster: readonly RosterEntry[], e164: string, channel: PhoneChannel, t: Translate = englishT): string | null {
  const clash = roster.find((p) => p.type === channel && p.address !== null && stripChannelPrefix(p.address) === e164);
  if (!clash) return null;
  return t('phone.duplicate', { number: formatPhoneNumber(e164), channel: t(`channel.${channel}`) });
}

export function findDuplicateIdentity(roster: readonly RosterEntry[], identity: string, t: Translate = englishT): string | null {
  const wanted = identity.trim();
  return roster.some((p) => p.identity === wanted) ? t('phone.duplicateIdentity', { identity: wanted }) : null;
}
