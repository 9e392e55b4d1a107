/**
 * What the per-channel composer needs beyond drafts: the service's clock (the WhatsApp window is
 * measured in Twilio's time, not the laptop's, and the emulator's test clock moves on request)
 * and which conversation asked for the template picker (a failed receipt's "Send a template
 * instead" opens it in the composer below).
 */
import type { SliceCreator } from './store-types';

/** Differences below this are the latency of a live message, not a different clock. */
const SKEW_NOISE_MS = 5_000;

export interface ComposerSlice {
  /** The service's time minus this computer's, in ms, as live messages' dates show it. */
  serverOffsetMs: number;
  /** The conversation whose composer should open its template picker (then cleared by it). */
  templatePickerFor: string | null;
  /**
   * A live message's creation time (service clock), seen at `localNow`. The agent's own echo is
   * created as it arrives, so it sets the offset either way; anyone else's message may have been
   * waiting while the desk was offline, so it only moves the clock forward.
   */
  observeServerTime: (serverMs: number, own: boolean, localNow?: number) => void;
  requestTemplatePicker: (sid: string | null) => void;
}

export const createComposerSlice: SliceCreator<ComposerSlice> = (set, get) => ({
  serverOffsetMs: 0,
  templatePickerFor: null,
  observeServerTime: (serverMs, own, localNow = Date.now()) => {
    const seen = serverMs - localNow;
    const current = get().serverOffsetMs;
    const next = Math.abs(seen) < SKEW_NOISE_MS ? 0 : seen;
    if (next === current) return;
    if (!own && next < current) return;
    set({ serverOffsetMs: next });
  },
  requestTemplatePicker: (templatePickerFor) => set({ templatePickerFor }),
});
