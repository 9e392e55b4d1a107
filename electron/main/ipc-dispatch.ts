import type { z } from 'zod';
import {
  invokeContract,
  type InvokeChannel,
  type InvokeRequest,
  type InvokeResponse,
  type IpcError,
  type IpcResult,
} from '../../shared/ipc/contract';
import { issueText } from '../../shared/i18n/issue-text';
import { english, type Translate } from './desktop/locale';
import { DeskError } from './errors';

/** One async function per contract channel; the same object is served over Electron IPC and HTTP. */
export type Handlers = { [C in InvokeChannel]: (request: InvokeRequest<C>) => Promise<InvokeResponse<C>> };

export const invokeChannels = Object.keys(invokeContract) as InvokeChannel[];

export function isInvokeChannel(name: string): name is InvokeChannel {
  return Object.hasOwn(invokeContract, name);
}

/** zod issues as a form can show them: one message per input field, keyed by field name. */
export function invalidInput(error: z.ZodError, t: Translate = english): IpcError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join('.') : '_';
    fields[key] ??= issueText(issue.message, t);
  }
  const messages = Object.values(fields);
  return {
    code: 'invalid-input',
    message: messages.length === 1 ? (messages[0] ?? t('validation.invalid')) : t('validation.correctFields', { count: messages.length, list: messages.join('; ') }),
    fields,
  };
}

/** A DeskError's message and fields may be `validation.*` keys (profiles.ts): worded here. */
function worded(error: IpcError, t: Translate): IpcError {
  const fields = error.fields && Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [k, issueText(v, t)]));
  return { ...error, message: issueText(error.message, t), ...(fields ? { fields } : {}) };
}

const internal = (t: Translate): IpcError => ({ code: 'internal', message: t('errors.internal') });

/**
 * Validate, call, validate again. Never throws: every outcome is an IpcResult. The response is
 * parsed with the contract's schema too, which drops any field the contract does not name, so a
 * handler that returned an object with a secret in it would still not send the secret.
 */
export async function dispatch(
  handlers: Handlers,
  channel: string,
  payload: unknown,
  log: (line: string) => void = () => {},
  /** Main's locale-following `t`: validation messages go back in the desk's language. */
  t: Translate = english,
): Promise<IpcResult<unknown>> {
  if (!isInvokeChannel(channel)) return { ok: false, error: { code: 'not-found', message: `Unknown channel "${channel}"` } };
  const contract = invokeContract[channel];
  const request = contract.request.safeParse(payload);
  if (!request.success) return { ok: false, error: invalidInput(request.error, t) };
  try {
    const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
    const response = contract.response.safeParse(await handler(request.data));
    if (!response.success) {
      log(`ipc: ${channel} produced a response outside the contract: ${response.error.issues.map((i) => i.path.join('.')).join(', ')}`);
      return { ok: false, error: internal(t) };
    }
    return { ok: true, value: response.data };
  } catch (error) {
    if (error instanceof DeskError) return { ok: false, error: worded(error.toIpcError(), t) };
    log(`ipc: ${channel} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return { ok: false, error: internal(t) };
  }
}
