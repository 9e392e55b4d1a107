/**
 * A CSV of recipients, checked row by row before anything is saved: papaparse reads the file
 * (quotes, commas and newlines inside fields, a BOM, `;` or tab separators), libphonenumber-js
 * decides whether a number is one and writes it as E.164. A `phone` (or `address`) column is
 * required; `name` is the recipient's name; every other column is kept by its header as a field a
 * template variable can use.
 */
import Papa from 'papaparse';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { CSV_MAX_BYTES, CSV_MAX_ROWS, type CsvProblem, type CsvReport, type Recipient } from '../../../shared/ipc/segment-schema';
import { english, type Translate } from '../desktop/locale';
import { DeskError } from '../errors';

const PHONE_HEADERS = ['phone', 'address', 'phone number', 'phone_number', 'mobile', 'number', 'whatsapp'];
const NAME_HEADERS = ['name', 'full name', 'full_name'];
const FIELD_KEY_MAX = 64;
const FIELD_VALUE_MAX = 1024;
const MAX_FIELDS = 100;

export interface CsvResult {
  report: CsvReport;
  recipients: Recipient[];
}

const normalHeader = (h: string) => h.trim().toLocaleLowerCase();

/**
 * E.164 (with `whatsapp:` kept) or null. A number must carry its country code: with a leading `+`,
 * or as bare digits that read as an international number (a spreadsheet drops the `+`).
 */
export function normaliseAddress(raw: string, known: ReadonlySet<string> = new Set()): string | null {
  const value = raw.trim();
  const whatsapp = /^whatsapp:/i.test(value);
  const number = whatsapp ? value.slice('whatsapp:'.length).trim() : value;
  if (!/^\+?[\d\s().-]+$/.test(number)) return null;
  const international = number.startsWith('+') ? number : `+${number.replace(/^00/, '')}`;
  const parsed = parsePhoneNumberFromString(international);
  if (!parsed) return null;
  const address = whatsapp ? `whatsapp:${parsed.number}` : parsed.number;
  // A number the team already talks to is a number, whatever the library's ranges say (Ofcom's
  // drama numbers, new ranges the metadata does not know yet); otherwise it must be a valid one.
  if (parsed.isValid() || (parsed.isPossible() && known.has(address))) return address;
  return null;
}

/** Binary files (a spreadsheet's .xlsx, an image) are not text: say so rather than report nonsense rows. */
const looksBinary = (text: string) => text.includes('\u0000') || (text.match(/\uFFFD/g)?.length ?? 0) > 8;

/** `optedOut`: addresses left out; `known`: the team's customers' addresses (accepted when possible even if not in the library's ranges). */
export function checkCsv(text: string, optedOut: ReadonlySet<string>, t: Translate = english, known: ReadonlySet<string> = new Set()): CsvResult {
  // Keys are written out at each call (not built), so the catalogue check sees them used.
  const loose = t as unknown as (key: string, options?: object) => string;
  const bad = (key: `errors.segments.${string}`, options?: Record<string, unknown>): never => {
    const message = loose(key, options);
    throw new DeskError('invalid-input', message, { file: message });
  };
  if (new TextEncoder().encode(text).length > CSV_MAX_BYTES) bad('errors.segments.csvTooBig', { mb: CSV_MAX_BYTES / 1024 / 1024, rows: CSV_MAX_ROWS });
  if (looksBinary(text)) bad('errors.segments.csvNotText');
  const body = text.replace(/^\uFEFF/, '');
  // Papaparse guesses the separator badly when blank lines are counted; guess on the filled lines,
  // then read every line (blank ones too) so row numbers are the file's.
  const { delimiter } = Papa.parse<string[]>(body, { skipEmptyLines: 'greedy', preview: 50 }).meta;
  const parsed = Papa.parse<string[]>(body, { skipEmptyLines: false, delimiter });
  const lines = parsed.data.filter((row) => row.some((cell) => cell.trim() !== ''));
  const header = lines[0];
  if (!header) bad('errors.segments.csvEmpty');
  const headers = (header as string[]).map((h) => h.trim());
  const phoneAt = headers.findIndex((h) => PHONE_HEADERS.includes(normalHeader(h)));
  if (phoneAt < 0) bad('errors.segments.csvNoPhone', { headers: headers.slice(0, 8).join(', ') || '—' });
  const rows = parsed.data.slice(parsed.data.indexOf(header as string[]) + 1);
  const filled = rows.map((row, i) => ({ row, number: i + 2 })).filter(({ row }) => row.some((cell) => cell.trim() !== ''));
  if (filled.length > CSV_MAX_ROWS) bad('errors.segments.csvTooManyRows', { rows: filled.length, max: CSV_MAX_ROWS });
  const nameAt = headers.findIndex((h) => NAME_HEADERS.includes(normalHeader(h)));
  const fieldColumns = headers
    .map((h, i) => ({ key: h.slice(0, FIELD_KEY_MAX), i }))
    .filter(({ key, i }) => i !== phoneAt && key !== '')
    .slice(0, MAX_FIELDS);

  const problems: CsvProblem[] = [];
  const recipients: Recipient[] = [];
  const seen = new Set<string>();
  for (const { row, number } of filled) {
    const raw = (row[phoneAt] ?? '').trim();
    const value = raw.slice(0, 256);
    if (!raw) {
      problems.push({ row: number, value, reason: 'missing' });
      continue;
    }
    const address = normaliseAddress(raw, known);
    if (!address) {
      problems.push({ row: number, value, reason: 'invalid' });
      continue;
    }
    if (seen.has(address)) {
      problems.push({ row: number, value, reason: 'duplicate' });
      continue;
    }
    seen.add(address);
    if (optedOut.has(address)) {
      problems.push({ row: number, value, reason: 'optedOut' });
      continue;
    }
    const fields: Record<string, string> = {};
    for (const { key, i } of fieldColumns) {
      const cell = (row[i] ?? '').trim();
      if (cell) fields[key] = cell.slice(0, FIELD_VALUE_MAX);
    }
    const name = nameAt >= 0 ? (row[nameAt] ?? '').trim().slice(0, 200) : '';
    recipients.push({ address, name, fields });
  }
  return {
    report: { rows: filled.length, valid: recipients.length, phoneColumn: headers[phoneAt] as string, fields: fieldColumns.map((f) => f.key), problems },
    recipients,
  };
}
