import type { InvokeChannel, IpcResult } from '../../../shared/ipc/contract';

/**
 * One call to main's handlers over HTTP (electron/main/browser-transport.ts). Kept apart from the
 * bridge so the launch can ask for the kept inbox before the app's code, and the contract's
 * schemas, have loaded. Rejects when main cannot be reached.
 */
export async function invokeOverHttp(base: string, channel: InvokeChannel, request?: unknown): Promise<IpcResult<unknown>> {
  const response = await fetch(`${base.replace(/\/+$/, '')}/ipc/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: request === undefined ? '' : JSON.stringify(request),
  });
  return (await response.json()) as IpcResult<unknown>;
}
