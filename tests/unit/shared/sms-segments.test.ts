import { describe, expect, it } from 'vitest';
import { countSegments, SMS_MAX_CHARACTERS } from '../../../shared/domain/sms-segments';

describe('countSegments', () => {
  it('counts nothing for an empty text', () => {
    expect(countSegments('')).toMatchObject({ encoding: 'GSM-7', segments: 0, units: 0, remaining: 160 });
  });

  it('fits 160 GSM-7 characters in one segment and splits the 161st into 153-character parts', () => {
    expect(countSegments('a'.repeat(160))).toMatchObject({ encoding: 'GSM-7', segments: 1, perSegment: 160, remaining: 0 });
    expect(countSegments('a'.repeat(161))).toMatchObject({ segments: 2, perSegment: 153, remaining: 153 * 2 - 161 });
    expect(countSegments('a'.repeat(306)).segments).toBe(2);
    expect(countSegments('a'.repeat(307)).segments).toBe(3);
  });

  it('counts GSM-7 extension characters twice and never splits one from its escape', () => {
    const c = countSegments('Price: 5€ [promo]');
    expect(c).toMatchObject({ encoding: 'GSM-7', characters: 17, units: 20 });
    expect(c.doubleCharacters).toEqual(['€', '[', ']']);
    // 152 plain + one € (2 septets) = 154 > 153 in a split message: the € starts the second part.
    const split = countSegments(`${'a'.repeat(152)}€${'a'.repeat(10)}`);
    expect(split).toMatchObject({ segments: 2, remaining: 153 - 12 });
    expect(countSegments('a'.repeat(159) + '€').segments).toBe(2);
  });

  it('keeps accented letters of the GSM alphabet in GSM-7 (é, ñ, ü, Ç)', () => {
    expect(countSegments('Ça coûte?').encoding).toBe('UCS-2'); // û is not in the alphabet
    expect(countSegments('Mañana, café, Müller, Ça').encoding).toBe('GSM-7');
  });

  it('switches to UCS-2 on one emoji or curly quote and names those characters', () => {
    const c = countSegments('It’s here 😀 — thanks 😀');
    expect(c.encoding).toBe('UCS-2');
    expect(c.unicodeCharacters).toEqual(['’', '😀', '—']);
    expect(c.perSegment).toBe(70);
  });

  it('counts UCS-2 in UTF-16 units, 70 in one segment, 67 per part, an emoji never split', () => {
    expect(countSegments('é'.repeat(69) + '😀').segments).toBe(2); // 71 units
    expect(countSegments('’'.repeat(70))).toMatchObject({ segments: 1, remaining: 0 });
    expect(countSegments('’'.repeat(71))).toMatchObject({ segments: 2, perSegment: 67 });
    // 66 units then a surrogate pair: it goes whole into the second part.
    const c = countSegments('’'.repeat(66) + '😀' + '’'.repeat(3));
    expect(c).toMatchObject({ units: 71, segments: 2, remaining: 67 - 5 });
  });

  it('flags a text over Twilio’s 1,600 characters, counting an emoji as one character', () => {
    expect(countSegments('a'.repeat(SMS_MAX_CHARACTERS)).overLimit).toBe(false);
    expect(countSegments('a'.repeat(SMS_MAX_CHARACTERS + 1)).overLimit).toBe(true);
    expect(countSegments('😀'.repeat(SMS_MAX_CHARACTERS)).overLimit).toBe(false);
  });
});
