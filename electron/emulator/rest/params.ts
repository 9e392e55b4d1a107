import { formBody, type HttpRequest } from '../http/request';
import type { AttributesOwner } from '../conversations/limits';
import { checkAttributes } from '../conversations/validate';
import { badRequest } from '../util/errors';

/**
 * Request parameters the way Twilio's REST API reads them: form-encoded bodies for POST
 * (repeated keys are arrays, e.g. `MediaSid`), the query string otherwise. Every accessor
 * throws a Twilio-shaped 400 for a malformed value instead of letting it reach the domain.
 */
export class Params {
  private constructor(private readonly values: Map<string, string[]>) {}

  static of(req: HttpRequest): Params {
    if (req.method === 'POST') return new Params(formBody(req));
    const values = new Map<string, string[]>();
    for (const [k, v] of req.query) values.set(k, [...(values.get(k) ?? []), v]);
    return new Params(values);
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  /** The last value given for `name`. */
  str(name: string): string | undefined {
    const list = this.values.get(name);
    return list?.[list.length - 1];
  }

  required(name: string): string {
    const value = this.str(name);
    if (value === undefined || value === '') throw badRequest(`Missing required parameter ${name} in the post body`);
    return value;
  }

  list(name: string): string[] {
    return this.values.get(name) ?? [];
  }

  int(name: string, min: number, max: number): number | undefined {
    const raw = this.str(name);
    if (raw === undefined || raw === '') return undefined;
    if (!/^-?\d+$/.test(raw)) throw badRequest(`${name} must be an integer, got "${raw.slice(0, 40)}"`);
    const n = Number(raw);
    if (n < min || n > max) throw badRequest(`${name} must be between ${min} and ${max}, got ${n}`);
    return n;
  }

  /** An ISO 8601 date-time, normalised to `toISOString()` form. */
  date(name: string): string | undefined {
    const raw = this.str(name);
    if (raw === undefined || raw === '') return undefined;
    const t = Date.parse(raw);
    if (!/^\d{4}-\d{2}-\d{2}/.test(raw) || Number.isNaN(t)) throw badRequest(`${name} must be an ISO 8601 date-time, got "${raw.slice(0, 40)}"`);
    return new Date(t).toISOString();
  }

  /**
   * `Attributes`, checked before the domain sees it: some domain operations create Sync objects
   * before they validate, and a bad value must not leave half a change behind.
   */
  attributes(what: AttributesOwner): string | undefined {
    const raw = this.str('Attributes');
    return raw === undefined ? undefined : checkAttributes(raw, what);
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const raw = this.str(name);
    if (raw === undefined || raw === '') return undefined;
    const found = allowed.find((a) => a.toLowerCase() === raw.toLowerCase());
    if (!found) throw badRequest(`${name} must be one of ${allowed.join(', ')}, got "${raw.slice(0, 40)}"`);
    return found;
  }
}
