import { attributesRecord } from '../../../shared/domain/json-attributes';
import { deskAttributesSchema, type DeskAttributes } from '../../../shared/ipc/team-schema';

/**
 * A conversation's attributes are shared with every other app on the account: the desk reads
 * and writes only its `desk` key and keeps every other key exactly as it found it.
 */
export interface ParsedAttributes {
  /** All keys, as found (an object; anything else is treated as empty). */
  all: Record<string, unknown>;
  desk: DeskAttributes & { claim?: string };
}

/** Attributes as Twilio returns them (a JSON string over REST, an object in the SDK) as an object; anything else is empty. */
export function attributesObject(raw: unknown): Record<string, unknown> {
  return attributesRecord(raw) ?? {};
}

export function parseAttributes(raw: unknown): ParsedAttributes {
  const all = attributesObject(raw);
  const rawDesk = all['desk'];
  // Most of a large service's conversations were never touched by the desk: no validation to do.
  if (rawDesk === undefined) return { all, desk: {} };
  const parsed = deskAttributesSchema.safeParse(rawDesk ?? {});
  const claim = rawDesk && typeof rawDesk === 'object' && typeof (rawDesk as { claim?: unknown }).claim === 'string' ? (rawDesk as { claim: string }).claim : undefined;
  return { all, desk: { ...(parsed.success ? parsed.data : {}), ...(claim ? { claim } : {}) } };
}

/** The attributes with `desk` changed by `patch` (undefined leaves a key, null clears it); other keys untouched. */
export function withDesk(parsed: ParsedAttributes, patch: Record<string, unknown>): string {
  const desk: Record<string, unknown> = { ...(parsed.all['desk'] && typeof parsed.all['desk'] === 'object' ? (parsed.all['desk'] as object) : {}) };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) delete desk[key];
    else desk[key] = value;
  }
  return JSON.stringify({ ...parsed.all, desk });
}
