export interface CspOptions {
  /** `http://127.0.0.1:PORT` of the Local workspace emulator, when it runs. */
  emulatorOrigin?: string | null;
  /** The Vite dev server (development only): its scripts, styles and HMR socket. */
  devServerUrl?: string | null;
  /** The browser harness's HTTP bridge to main's handlers (`npm run dev:browser` and tests only). */
  bridgeUrl?: string | null;
}

// CSP host wildcards are only allowed as the leftmost label, so "tsock.*.twilio.com" is not
// expressible; "*.twilio.com" covers tsock.us1.twilio.com, mcs.us1.twilio.com, aim.us1.twilio.com.
const TWILIO_CONNECT = ['https://*.twilio.com', 'wss://*.twilio.com'];
// Media the SDK shows comes from Twilio's media service (temporary URLs under twilio.com).
const TWILIO_MEDIA = ['https://*.twilio.com'];

const origin = (url: string): URL => {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`CSP origins must be http(s): ${url}`);
  return parsed;
};
const wsOf = (url: URL) => `${url.protocol === 'https:' ? 'wss' : 'ws'}://${url.host}`;

/**
 * The renderer's Content-Security-Policy, and its only one: sent as a header with the document
 * (app-protocol.ts in the packaged app, window.ts's secureSession for the dev server, the static
 * server in browser mode); renderer/index.html has no meta CSP to disagree with it. The network
 * is limited to Twilio and the local emulator: an injected script could not send conversations
 * anywhere else.
 */
export function buildCsp({ emulatorOrigin = null, devServerUrl = null, bridgeUrl = null }: CspOptions = {}): string {
  const emulator = emulatorOrigin ? origin(emulatorOrigin) : null;
  const dev = devServerUrl ? origin(devServerUrl) : null;
  const emulatorHttp = emulator ? [emulator.origin] : [];
  const emulatorAll = emulator ? [emulator.origin, wsOf(emulator)] : [];
  const devHttp = dev ? [dev.origin] : [];
  const devAll = dev ? [dev.origin, wsOf(dev)] : [];
  const bridge = bridgeUrl ? [origin(bridgeUrl).origin] : [];

  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    // Development only: @vitejs/plugin-react injects an inline refresh preamble.
    'script-src': ["'self'", ...(dev ? ["'unsafe-inline'", ...devHttp] : [])],
    // Vite injects <style> elements (CSS imports in development) and components may set style attributes.
    'style-src': ["'self'", "'unsafe-inline'", ...devHttp],
    'img-src': ["'self'", 'data:', 'blob:', ...TWILIO_MEDIA, ...emulatorHttp],
    'media-src': ["'self'", 'blob:', ...TWILIO_MEDIA, ...emulatorHttp],
    'font-src': ["'self'", 'data:'],
    'connect-src': [...TWILIO_CONNECT, ...emulatorAll, ...devAll, ...bridge],
    'worker-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'frame-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}
