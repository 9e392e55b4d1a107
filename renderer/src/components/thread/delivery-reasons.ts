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
