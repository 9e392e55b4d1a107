/**
 * The canned-responses file, as exported and imported:
 *
 *   { "version": 1, "responses": [ { "name": "refund", "body": "Hi {{customer.name}}, …" } ] }
 *
 * Ids are not in the file: they belong to one desk's store, and a file moves between desks and
 * profiles. Names decide identity on import (same name, ignoring case, replaces).
 */
import { z } from 'zod';
import { issueText } from '../../../shared/i18n/issue-text';
import { CANNED_MAX_ITEMS, cannedResponseSchema, type CannedResponse } from '../../../shared/ipc/team-schema';
import type { Translate } from '../desktop/locale';
import { DeskError } from '../errors';

export const CANNED_FILE_VERSION = 1;

const entrySchema = cannedResponseSchema.pick({ name: true, body: true });
const fileSchema = z.object({ version: z.literal(CANNED_FILE_VERSION), responses: z.array(z.unknown()).max(CANNED_MAX_ITEMS) });

export interface ParsedCannedFile {
  /** Valid entries with their position in the file. */
  entries: { index: number; name: string; body: string }[];
  refused: { index: number; reason: string }[];
}

/** Whole-file problems throw (nothing is imported); entry problems are refused one by one. */
export function parseCannedFile(json: string, t: Translate): ParsedCannedFile {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new DeskError('invalid-input', t('canned.importNotJson'));
  }
  const file = fileSchema.safeParse(raw);
  if (!file.success) throw new DeskError('invalid-input', t('canned.importFormat', { version: CANNED_FILE_VERSION, max: CANNED_MAX_ITEMS }));
  const entries: ParsedCannedFile['entries'] = [];
  const refused: ParsedCannedFile['refused'] = [];
  file.data.responses.forEach((value, index) => {
    const entry = entrySchema.safeParse(value);
    if (!entry.success) {
      const first = entry.error.issues[0];
      const reason = first && first.message.startsWith('validation.') ? issueText(first.message, t) : t('canned.importEntryShape');
      refused.push({ index, reason: reason.slice(0, 300) });
      return;
    }
    const earlier = entries.find((e) => e.name.toLocaleLowerCase() === entry.data.name.toLocaleLowerCase());
    if (earlier) {
      refused.push({ index, reason: t('canned.importDuplicate', { name: entry.data.name, position: earlier.index + 1 }).slice(0, 300) });
      return;
    }
    entries.push({ index, name: entry.data.name, body: entry.data.body });
  });
  return { entries, refused };
}

export function serializeCannedFile(items: readonly CannedResponse[]): string {
  return `${JSON.stringify({ version: CANNED_FILE_VERSION, responses: items.map(({ name, body }) => ({ name, body })) }, null, 2)}\n`;
}
