/**
 * Network and credential failures in words an agent can act on. Node's socket errors
 * ("getaddrinfo ENOTFOUND tsock.us1.twilio.com", "connect ECONNREFUSED 127.0.0.1:4010",
 * ETIMEDOUT) and Twilio's 20003 "Permission Denied" (HTTP 401) reach the desk from main's token
 * and REST calls and from the SDK; both processes say them the same way. Pure: no DOM, no node.
 */
import type { Translate } from '../i18n/translator';

export type ConnectionProblem =
  | { kind: 'host-not-found'; host: string | null }
  | { kind: 'refused'; host: string | null }
  | { kind: 'timed-out'; host: string | null }
  | { kind: 'credentials' };

export interface ProblemDetails {
  errorCode?: number | null;
  httpStatusCode?: number | null;
}

// The host or host:port node prints after the code.
const after = (code: string, message: string): string | null => new RegExp(`${code}\\s+([^\\s,;)]+)`).exec(message)?.[1] ?? null;

/** Null when the message is none of these (the caller keeps its own words). */
export function classifyConnectionProblem(message: string | null | undefined, details: ProblemDetails = {}): ConnectionProblem | null {
  const text = message ?? '';
  if (/\bENOTFOUND\b|\bEAI_AGAIN\b|ERR_NAME_NOT_RESOLVED/.test(text)) return { kind: 'host-not-found', host: after('ENOTFOUND', text) ?? after('EAI_AGAIN', text) };
  if (/\bECONNREFUSED\b|ERR_CONNECTION_REFUSED/.test(text)) return { kind: 'refused', host: after('ECONNREFUSED', text) };
  if (/\bETIMEDOUT\b|\bESOCKETTIMEDOUT\b|ERR_CONNECTION_TIMED_OUT/.test(text)) return { kind: 'timed-out', host: after('ETIMEDOUT', text) };
  if (details.errorCode === 20003 || details.httpStatusCode === 401 || /\b20003\b|\b401\b|Permission Denied/i.test(text)) return { kind: 'credentials' };
  return null;
}

/** The problem said in `t`'s language (catalogue keys `connectionProblem.*`). */
export function describeConnectionProblem(problem: ConnectionProblem, t: Translate): string {
  if (problem.kind === 'credentials') return t('connectionProblem.credentials');
  const host = problem.host ?? t('connectionProblem.theServer');
  if (problem.kind === 'host-not-found') return t('connectionProblem.hostNotFound', { host });
  // These two open with the host; "the server" then needs its capital.
  const text = problem.kind === 'refused' ? t('connectionProblem.refused', { host }) : t('connectionProblem.timedOut', { host });
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

/** Both steps; null when the message is none of these. */
export function explainConnectionError(message: string | null | undefined, t: Translate, details?: ProblemDetails): string | null {
  const problem = classifyConnectionProblem(message, details);
  return problem ? describeConnectionProblem(problem, t) : null;
}
