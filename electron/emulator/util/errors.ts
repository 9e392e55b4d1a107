/** An error shaped as Twilio reports it: `{code, message, more_info, status}`. */
export class TwilioError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'TwilioError';
  }

  toBody(): { code: number; message: string; more_info: string; status: number } {
    return {
      code: this.code,
      message: this.message,
      more_info: `https://www.twilio.com/docs/errors/${this.code}`,
      status: this.status,
    };
  }
}

export const notFound = (what: string): TwilioError =>
  new TwilioError(404, 20404, `The requested resource ${what} was not found`);

export const badRequest = (message: string, code = 20001): TwilioError => new TwilioError(400, code, message);

export const asTwilioError = (err: unknown): TwilioError => {
  if (err instanceof TwilioError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new TwilioError(500, 20500, `Internal error: ${message}`);
};
