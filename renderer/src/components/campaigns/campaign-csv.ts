/** A campaign's results as CSV (papaparse's `unparse`: quoting and escaping done right, formula-safe below). */
import Papa from 'papaparse';
import type { CampaignResult } from '../../../../shared/ipc/campaign-schema';

/** Spreadsheets run cells starting with = + - @ as formulas: a customer's name must not. */
const safe = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
/** An address is `+` and digits (or `whatsapp:` before them): never a formula, and a quote would corrupt it. */
const address = (text: string) => (/^(whatsapp:)?\+\d+$/.test(text) ? text : safe(text));

export function resultsCsv(results: readonly CampaignResult[], explain: (r: CampaignResult) => string, headers: string[]): string {
  return Papa.unparse({
    fields: headers,
    data: results.map((r) => [address(r.address), safe(r.name), r.status, r.errorCode ?? '', explain(r), r.conversationSid ?? '', r.messageSid ?? '']),
  });
}
