/**
 * The contract's zod schemas run in both processes, before any translator is at hand, so their
 * messages are catalogue keys (`validation.*`); whoever shows an issue words it with its own `t`.
 * Anything else (zod's stock English for a shape no form produces) is shown as it is.
 */
import type { Translate } from './translator';

export const ISSUE_KEY_PREFIX = 'validation.';

export function issueText(message: string, t: Translate): string {
  if (!message.startsWith(ISSUE_KEY_PREFIX)) return message;
  return (t as unknown as (key: string) => string)(message);
}
