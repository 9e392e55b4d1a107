import type { RestAccess } from '../rest/rest-client';

/**
 * The Local workspace's WhatsApp senders, from its emulator's settings (`/emulator/settings`,
 * `whatsapp_senders`), authenticated with the workspace's API key as Twilio's REST API would be.
 * An emulator that lists none answers with the workspace's own sender.
 */
export async function localWhatsappSenders(access: RestAccess, fallback: string, fetchImpl: typeof fetch = fetch): Promise<string[]> {
  if (!access.restBaseUrl) return [fallback];
  try {
    const auth = Buffer.from(`${access.apiKeySid}:${access.apiKeySecret}`).toString('base64');
    const response = await fetchImpl(`${access.restBaseUrl.replace(/\/+$/, '')}/emulator/settings`, { headers: { Authorization: `Basic ${auth}` } });
    if (!response.ok) return [fallback];
    const body = (await response.json()) as { whatsapp_senders?: unknown; whatsappSenders?: unknown };
    const listed = body.whatsapp_senders ?? body.whatsappSenders;
    const senders = Array.isArray(listed)
      ? listed.map((s: unknown) => (typeof s === 'string' ? s : (s as { sender?: unknown; number?: unknown } | null)?.sender ?? (s as { number?: unknown } | null)?.number)).filter((s): s is string => typeof s === 'string')
      : [];
    return senders.length > 0 ? senders : [fallback];
  } catch {
    return [fallback];
  }
}
