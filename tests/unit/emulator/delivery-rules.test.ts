import { describe, expect, it } from 'vitest';
import { OptOuts, keywordOf } from '../../../electron/emulator/conversations/opt-out';
import { WHATSAPP_WINDOW_MS, WhatsAppWindows } from '../../../electron/emulator/conversations/whatsapp-window';
import { defaultFriendlyName } from '../../../electron/emulator/control/phone-numbers';
import { rfc2822 } from '../../../electron/emulator/rest/phone-number-routes';
import { Db } from '../../../electron/emulator/store/db';

const CUSTOMER = 'whatsapp:+447700900123';
const SENDER = 'whatsapp:+14155238886';

describe('WhatsApp window', () => {
  it('is open for 24 hours from the customer’s latest message to that sender, and closed before any', () => {
    const windows = new WhatsAppWindows(Db.open());
    const t0 = Date.parse('2026-01-10T09:00:00Z');
    expect(windows.isOpen(CUSTOMER, SENDER, t0)).toBe(false);
    windows.noteInbound(CUSTOMER, SENDER, new Date(t0).toISOString());
    expect(windows.isOpen(CUSTOMER, SENDER, t0 + WHATSAPP_WINDOW_MS - 1)).toBe(true);
    expect(windows.isOpen(CUSTOMER, SENDER, t0 + WHATSAPP_WINDOW_MS)).toBe(false);
    // Another sender of the business has its own window.
    expect(windows.isOpen(CUSTOMER, 'whatsapp:+14155550000', t0 + 1000)).toBe(false);
    // An older message (history written late) never shortens it; a newer one extends it.
    windows.noteInbound(CUSTOMER, SENDER, new Date(t0 - 60_000).toISOString());
    expect(windows.lastInbound(CUSTOMER, SENDER)).toBe(new Date(t0).toISOString());
    windows.noteInbound(CUSTOMER, SENDER, new Date(t0 + 3_600_000).toISOString());
    expect(windows.isOpen(CUSTOMER, SENDER, t0 + WHATSAPP_WINDOW_MS + 1000)).toBe(true);
  });
});

describe('SMS opt-out keywords', () => {
  it.each([
    ['STOP', 'opt-out'],
    [' stop ', 'opt-out'],
    ['StopAll', 'opt-out'],
    ['unsubscribe', 'opt-out'],
    ['CANCEL', 'opt-out'],
    ['end', 'opt-out'],
    ['Quit', 'opt-out'],
    ['START', 'opt-in'],
    ['yes', 'opt-in'],
    ['Unstop', 'opt-in'],
    ['stop please', null],
    ['please cancel', null],
    ['STOP.', null],
    ['', null],
    [null, null],
  ] as const)('%j is %s', (body, expected) => {
    expect(keywordOf(body)).toBe(expected);
  });

  it('blocks per (customer, Messaging Service) until opted in', () => {
    const list = new OptOuts(Db.open());
    list.optOut('+14155550100', 'MG1', '+15005550006', '2026-01-10T09:00:00Z');
    expect(list.isOptedOut('+14155550100', 'MG1')).toBe(true);
    expect(list.isOptedOut('+14155550100', 'MG2')).toBe(false);
    expect(list.isOptedOut('+14155550101', 'MG1')).toBe(false);
    list.optIn('+14155550100', 'MG1');
    expect(list.isOptedOut('+14155550100', 'MG1')).toBe(false);
  });
});

describe('classic API formats', () => {
  it('names numbers and dates as the 2010-04-01 API does', () => {
    expect(defaultFriendlyName('+15005550006')).toBe('(500) 555-0006');
    expect(defaultFriendlyName('+447700900123')).toBe('+447700900123');
    expect(rfc2822('2015-07-30T23:19:04.123Z')).toBe('Thu, 30 Jul 2015 23:19:04 +0000');
  });
});
