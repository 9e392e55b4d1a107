/**
 * Twilio's delivery error codes agents meet most, explained in the desk's language (worded from
 * Twilio's error dictionary, twilio.com/docs/api/errors/<code>). Any other code is shown as itself.
 */
import { i18n } from '../../i18n';

const EXPLAINED_CODES = ['30003', '30004', '30005', '30006', '30007', '30008', '21211', '21408', '21610', '21612', '21614', '63016'] as const;
type ExplainedCode = (typeof EXPLAINED_CODES)[number];

const isExplained = (code: string): code is ExplainedCode => (EXPLAINED_CODES as readonly string[]).includes(code);

export function deliveryReason(code: string): string {
  return isExplained(code) ? i18n.t(`deliveryError.code.${code}`) : i18n.t('deliveryError.unknown', { code });
}

/**
 * The way forward a failure offers. Sending the same again only helps where the cause may pass
 * (a phone out of signal, a carrier's unknown error): not for a wrong or blocked number, a customer
 * who opted out (21610: they must reply START) or WhatsApp's closed window (63016: a template).
 */
export type FailureRemedy = 'template' | 'optedOut' | 'retry' | 'none';

const FINAL_CODES = new Set(['21211', '21408', '21610', '21612', '21614', '30004', '30005', '30006', '30007', '63016']);

export function failureRemedies(codes: readonly string[]): FailureRemedy[] {
  const remedies: FailureRemedy[] = [];
  if (codes.includes('63016')) remedies.push('template');
  if (codes.includes('21610')) remedies.push('optedOut');
  // Unknown codes (or none known) may pass: Retry stays, as before.
  if (codes.length === 0 || codes.some((c) => !FINAL_CODES.has(c))) remedies.push('retry');
  return remedies.length > 0 ? remedies : ['none'];
}
