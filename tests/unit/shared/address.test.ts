import { createTranslator } from '../../../shared/i18n/translator';
import { describe, expect, it } from 'vitest';
import {
  findDuplicateIdentity,
  findDuplicatePhone,
  formatPhoneNumber,
  regionOf,
  toChannelAddress,
  validatePhoneNumber,
} from '../../../shared/domain/address';

describe('validatePhoneNumber', () => {
  it('accepts international numbers and normalises them to E.164', () => {
    expect(validatePhoneNumber('+1 (415) 555-0123')).toEqual({ ok: true, e164: '+14155550123' });
    expect(validatePhoneNumber('  +49 1511 2345678 ')).toEqual({ ok: true, e164: '+4915112345678' });
  });

  it('accepts a pasted whatsapp: address', () => {
    expect(validatePhoneNumber('whatsapp:+14155550123')).toEqual({ ok: true, e164: '+14155550123' });
  });

  it('explains what is wrong with a too-short number, with an example', () => {
    expect(validatePhoneNumber('+1 555')).toEqual({
      ok: false,
      message: '“+1 555” is not a valid phone number: use international format, e.g. +14155550123',
    });
  });

  it('asks for international format when the country code is missing', () => {
    const r = validatePhoneNumber('4155550123');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain('use international format');
  });

  it('requires a number', () => {
    expect(validatePhoneNumber('   ')).toEqual({ ok: false, message: 'Phone number is required' });
  });

  it('rejects fictional ranges for real Twilio but allows them in the Local workspace', () => {
    expect(validatePhoneNumber('+15555550100', { strict: true }).ok).toBe(false);
    expect(validatePhoneNumber('+15555550100', { strict: false })).toEqual({ ok: true, e164: '+15555550100' });
  });
});

describe('national numbers, read in the business number’s country', () => {
  it('knows the country of a real number, only the calling code of a fictional one', () => {
    expect(regionOf('+14155550100')).toEqual({ country: 'US', callingCode: '1' });
    expect(regionOf('whatsapp:+5511987654321')).toEqual({ country: 'BR', callingCode: '55' });
    expect(regionOf('+15555550100')).toEqual({ callingCode: '1' });
    expect(regionOf('')).toBeNull();
    expect(regionOf('not a number')).toBeNull();
  });

  it('turns a national number into E.164 with the business number’s country', () => {
    const us = { strict: true, region: regionOf('+14155550100') };
    expect(validatePhoneNumber('(415) 555-0123', us)).toEqual({ ok: true, e164: '+14155550123' });
    const br = { strict: true, region: regionOf('+5511987654321') };
    expect(validatePhoneNumber('(11) 98765-4321', br)).toEqual({ ok: true, e164: '+5511987654321' });
    // An international number stays what it says, whatever the business number.
    expect(validatePhoneNumber('+49 1511 2345678', us)).toEqual({ ok: true, e164: '+4915112345678' });
  });

  it('reads national numbers with only a calling code (the Local workspace’s +1 555 numbers)', () => {
    const local = { strict: false, region: regionOf('+15555550100') };
    expect(validatePhoneNumber('555 555 0123', local)).toEqual({ ok: true, e164: '+15555550123' });
    const uk = { strict: false, region: { callingCode: '44' } };
    expect(validatePhoneNumber('0044 7700 900123', uk)).toEqual({ ok: true, e164: '+447700900123' });
  });

  it('says which country code a national number was read with when it still does not fit', () => {
    expect(validatePhoneNumber('555 01', { strict: true, region: regionOf('+14155550100') })).toEqual({
      ok: false,
      message: '“555 01” is not a valid phone number: type it with its country code, e.g. +14155550123, or as a national number for +1',
    });
  });
});

describe('addresses', () => {
  it('prefixes WhatsApp addresses only', () => {
    expect(toChannelAddress('+14155550123', 'whatsapp')).toBe('whatsapp:+14155550123');
    expect(toChannelAddress('+14155550123', 'sms')).toBe('+14155550123');
  });

  it('formats numbers for people', () => {
    expect(formatPhoneNumber('whatsapp:+14155550123')).toBe('+1 415 555 0123');
  });
});

describe('duplicates', () => {
  const roster = [
    { type: 'chat', identity: 'alice', address: null },
    { type: 'sms', identity: null, address: '+14155550123' },
    { type: 'whatsapp', identity: null, address: 'whatsapp:+4915112345678' },
  ];

  it('finds the same number on the same channel', () => {
    expect(findDuplicatePhone(roster, '+14155550123', 'sms')).toBe('+1 415 555 0123 is already in this conversation (SMS)');
    expect(findDuplicatePhone(roster, '+4915112345678', 'whatsapp')).toContain('(WhatsApp)');
  });

  it('allows the same number on another channel', () => {
    expect(findDuplicatePhone(roster, '+14155550123', 'whatsapp')).toBeNull();
  });

  it('finds a chat identity already present', () => {
    expect(findDuplicateIdentity(roster, ' alice ')).toBe('“alice” is already in this conversation');
    expect(findDuplicateIdentity(roster, 'bob')).toBeNull();
  });

  it('speaks the translator’s language', () => {
    const es = createTranslator('es').t;
    const fr = createTranslator('fr').t;
    expect(findDuplicatePhone(roster, '+14155550123', 'sms', es)).toBe('+1 415 555 0123 ya está en esta conversación (SMS)');
    expect(findDuplicateIdentity(roster, 'alice', fr)).toBe('«\u00a0alice\u00a0» est déjà dans cette conversation');
    expect(validatePhoneNumber('', undefined, es)).toEqual({ ok: false, message: 'El número de teléfono es obligatorio' });
    expect(validatePhoneNumber('0612', undefined, fr)).toEqual({
      ok: false,
      message: '«\u00a00612\u00a0» n’est pas un numéro de téléphone valide\u00a0: utilisez le format international, par ex. +14155550123',
    });
  });
});
