import type { IpcError } from '../../shared/ipc/contract';

/**
 * An error meant for the person at the desk: its message is shown as is, so it must say what is
 * wrong in plain words and never carry a secret. Anything else thrown by a service is reported
 * as 'internal' with a generic message (see ipc-dispatch.ts).
 */
export class DeskError extends Error {
  override readonly name = 'DeskError';

  constructor(
    readonly code: IpcError['code'],
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }

  toIpcError(): IpcError {
    return this.fields ? { code: this.code, message: this.message, fields: this.fields } : { code: this.code, message: this.message };
  }
}
