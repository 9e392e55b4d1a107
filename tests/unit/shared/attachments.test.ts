import { createTranslator } from '../../../shared/i18n/translator';
import { describe, expect, it } from 'vitest';
import { channelsReached, checkAttachments, formatBytes, strictestLimits } from '../../../shared/domain/attachments';

const MB = 1024 * 1024;
const png = (name: string, size: number) => ({ name, type: 'image/png', size });

describe('checkAttachments', () => {
  it('accepts a normal image on every channel', () => {
    for (const ch of ['sms', 'whatsapp', 'chat'] as const) expect(checkAttachments([ch], [png('a.png', MB)])).toEqual([]);
  });

  it('limits SMS/MMS to 5 MB in total', () => {
    const errors = checkAttachments(['sms'], [png('a.png', 3 * MB), png('b.png', 3 * MB)]);
    expect(errors).toEqual(['Attachments total 6 MB; SMS/MMS allows up to 5 MB per message']);
  });

  it('limits a single SMS attachment to 5 MB', () => {
    expect(checkAttachments(['sms'], [png('big.png', 6 * MB)])).toEqual(['“big.png” is 6 MB; SMS/MMS allows up to 5 MB per file']);
  });

  it('allows one WhatsApp attachment of up to 16 MB', () => {
    // WhatsApp: 16 MB a message, but images only up to 5 MB (Twilio's WhatsApp media guidance).
    expect(checkAttachments(['whatsapp'], [{ name: 'clip.mp4', type: 'video/mp4', size: 15 * MB }])).toEqual([]);
    expect(checkAttachments(['whatsapp'], [png('a.png', 5 * MB)])).toEqual([]);
    expect(checkAttachments(['whatsapp'], [png('a.png', 6 * MB)])[0]).toContain('up to 5 MB per file');
    expect(checkAttachments(['whatsapp'], [png('a.png', 1), png('b.png', 1)])).toEqual(['WhatsApp allows only 1 attachment per message']);
    expect(checkAttachments(['whatsapp'], [{ name: 'clip.mp4', type: 'video/mp4', size: 17 * MB }])[0]).toContain('up to 16 MB per file');
  });

  it('allows up to 10 chat attachments', () => {
    const ten = Array.from({ length: 10 }, (_, i) => png(`${i}.png`, 1000));
    expect(checkAttachments(['chat'], ten)).toEqual([]);
    expect(checkAttachments(['chat'], [...ten, png('x.png', 1)])).toEqual(['Chat allows up to 10 attachments per message']);
  });

  it('rejects types the channels cannot carry', () => {
    expect(checkAttachments(['chat'], [{ name: 'run.exe', type: 'application/x-msdownload', size: 10 }])[0]).toContain(
      '“run.exe” can’t be sent',
    );
  });

  it('speaks the translator’s language, sizes and plurals included', () => {
    const es = createTranslator('es').t;
    const fr = createTranslator('fr').t;
    expect(checkAttachments(['sms'], [png('big.png', 6 * MB)], es)).toEqual(['«big.png» ocupa 6 MB; SMS/MMS admite hasta 5 MB por archivo']);
    expect(checkAttachments(['whatsapp'], [png('a.png', 1), png('b.png', 1)], fr)).toEqual(['WhatsApp n’accepte que 1 pièce jointe par message']);
    expect(checkAttachments(['chat'], [{ name: 'x', type: '', size: 1 }], fr)[0]).toBe(
      '«\u00a0x\u00a0» ne peut pas être envoyé\u00a0: ce type de fichier n’est pas pris en charge (images, PDF, audio, vidéo, texte)',
    );
    expect(checkAttachments(['sms'], [png('a.png', 6.5 * MB)], fr)[0]).toMatch(/fait 6,5\sMo/);
  });

  it('uses the strictest rules when a conversation mixes channels', () => {
    const limits = strictestLimits(['sms', 'whatsapp']);
    expect(limits.maxCount).toBe(1);
    expect(limits.maxTotalBytes).toBe(5 * MB);
  });
});

describe('formatBytes', () => {
  it('reads naturally', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2048)).toBe('2 KB');
    expect(formatBytes(5 * MB)).toBe('5 MB');
    expect(formatBytes(1.5 * MB)).toBe('1.5 MB');
  });
});

describe('channelsReached', () => {
  it('names the customer channels in a roster, or chat when there are none', () => {
    expect(channelsReached(['chat', 'sms', 'sms'])).toEqual(['sms']);
    expect(channelsReached(['whatsapp', 'chat', 'sms'])).toEqual(['whatsapp', 'sms']);
    expect(channelsReached(['chat'])).toEqual(['chat']);
    expect(channelsReached([])).toEqual(['chat']);
  });
});
