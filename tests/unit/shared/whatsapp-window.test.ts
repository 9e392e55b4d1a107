import { describe, expect, it } from 'vitest';
import { nextChangeIn, timeLeft, windowState, WINDOW_MS } from '../../../shared/domain/whatsapp-window';

const H = 3_600_000;

describe('the WhatsApp window', () => {
  it('is open for 24 hours after the customer’s last message, then closed', () => {
    expect(windowState(0, 21 * H)).toEqual({ open: true, closesAt: WINDOW_MS, leftMs: 3 * H });
    expect(windowState(0, WINDOW_MS)).toEqual({ open: false, lastInbound: 0 });
    expect(windowState(null, 0)).toEqual({ open: false, lastInbound: null });
  });

  it('says what is left in whole hours, then minutes, never more than there is', () => {
    expect(timeLeft(3 * H + 59 * 60_000)).toEqual({ unit: 'hours', value: 3 });
    expect(timeLeft(H - 1)).toEqual({ unit: 'minutes', value: 60 });
    expect(timeLeft(61_000)).toEqual({ unit: 'minutes', value: 2 });
    expect(timeLeft(1)).toEqual({ unit: 'minutes', value: 1 });
  });

  it('redraws just after the rounded time left changes', () => {
    const left = 3 * H + 20 * 60_000;
    const wait = nextChangeIn(left);
    expect(timeLeft(left - wait + 1).value).toBe(3);
    expect(timeLeft(left - wait).value).toBe(2);
    expect(timeLeft(150_000 - nextChangeIn(150_000))).toEqual({ unit: 'minutes', value: 2 });
    expect(nextChangeIn(0)).toBe(0);
  });
});
