import type { EmulatorInfo } from '../../electron/emulator';

export interface ControlReply<T = Record<string, unknown>> {
  status: number;
  body: T;
}

/** Calls the emulator's /emulator/* API with the account's Basic credentials. */
export function controlApi(info: EmulatorInfo, auth: { user: string; password: string } = { user: info.accountSid, password: info.authToken }) {
  const authorization = `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}`;
  const call = async <T>(method: string, path: string, form?: Record<string, string>): Promise<ControlReply<T>> => {
    const res = await fetch(`${info.restBaseUrl}${path}`, {
      method,
      headers: { authorization, ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  return {
    inbound: (form: Record<string, string>) =>
      call<{ conversation_sid: string; message_sid: string; participant_sid: string; created: boolean; code?: number; message?: string }>('POST', '/emulator/inbound', form),
    outbound: (to: string) => call<{ messages: OutboundJson[] }>('GET', `/emulator/outbound?to=${encodeURIComponent(to)}`),
    setAutoJoin: (identities: string[]) => call<{ auto_join_identities: string[] }>('POST', '/emulator/settings', { AutoJoinIdentities: identities.join(',') }),
    /** The emulator's test clock (not Twilio's): its time, and moving it forward. */
    clock: () => call<ClockJson>('GET', '/emulator/clock'),
    advanceClock: (seconds: number) => call<ClockJson>('POST', '/emulator/clock', { AdvanceSeconds: String(seconds) }),
    call,
  };
}

export interface OutboundJson {
  sid: string;
  to: string;
  from: string;
  body: string | null;
  media_sids: string[];
  status: string;
  error_code: number | null;
  message_sid: string;
  date_created: string;
  /** Template messages only: the content type this phone's channel shows, and its buttons. */
  content_sid?: string;
  content_type?: string;
  buttons?: Array<{ type: string; title: string; id?: string; url?: string; phone?: string }>;
  media_urls?: string[];
}

export interface ClockJson {
  now: string;
  offset_seconds: number;
}
