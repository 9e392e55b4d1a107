import { describe, expect, it } from 'vitest';
import { checkCsv, normaliseAddress } from '../../../../electron/main/segments/csv-import';
import { CSV_MAX_ROWS } from '../../../../shared/ipc/segment-schema';

describe('CSV import', () => {
  it('normalises numbers to E.164 and keeps the WhatsApp prefix', () => {
    expect(normaliseAddress('+1 (415) 555-0142')).toBe('+14155550142');
    expect(normaliseAddress('34612345678')).toBe('+34612345678');
    expect(normaliseAddress('whatsapp:+34 612 345 678')).toBe('whatsapp:+34612345678');
    expect(normaliseAddress('555-0142')).toBeNull();
    // Ofcom's drama range is outside the library's valid ranges: accepted only for a known customer.
    expect(normaliseAddress('+447700900123')).toBeNull();
    expect(normaliseAddress('+44 7700 900123', new Set(['+447700900123']))).toBe('+447700900123');
    expect(normaliseAddress('call me')).toBeNull();
  });

  it('reports each bad row with its row number, value and reason, and keeps the rest with their columns', () => {
    const text = [
      'Name,Phone,Company,Plan',
      'Ana Ruiz,+34612345678,Acme,gold',
      'Bad One,12345,,',
      'Ana Again,+34 612 345 678,,',
      'Priya,+14155550142,,',
      'No Number,,,',
      '',
      '"Smith, Jo",+447700900123,"Jo & Co",silver',
    ].join('\n');
    const { report, recipients } = checkCsv(text, new Set(['+14155550142']), undefined, new Set(['+447700900123']));
    expect(report.rows).toBe(6);
    expect(report.valid).toBe(2);
    expect(report.phoneColumn).toBe('Phone');
    expect(report.fields).toEqual(['Name', 'Company', 'Plan']);
    expect(report.problems).toEqual([
      { row: 3, value: '12345', reason: 'invalid' },
      { row: 4, value: '+34 612 345 678', reason: 'duplicate' },
      { row: 5, value: '+14155550142', reason: 'optedOut' },
      { row: 6, value: '', reason: 'missing' },
    ]);
    expect(recipients).toEqual([
      { address: '+34612345678', name: 'Ana Ruiz', fields: { Name: 'Ana Ruiz', Company: 'Acme', Plan: 'gold' } },
      { address: '+447700900123', name: 'Smith, Jo', fields: { Name: 'Smith, Jo', Company: 'Jo & Co', Plan: 'silver' } },
    ]);
  });

  it('reads semicolon-separated files with a BOM', () => {
    const { report } = checkCsv('\uFEFFaddress;name\n+14155550142;Priya\n', new Set());
    expect(report.valid).toBe(1);
  });

  it('refuses, with a message, a file that is not text, has no phone column, or is too long', () => {
    expect(() => checkCsv('PK\u0003\u0004\u0000\u0000binary', new Set())).toThrow(/not a CSV/);
    expect(() => checkCsv('name,email\nAna,a@b.co\n', new Set())).toThrow(/No phone column.*name, email/);
    expect(() => checkCsv('', new Set())).toThrow(/empty/);
    const long = ['phone', ...Array.from({ length: CSV_MAX_ROWS + 1 }, (_, i) => `+1415555${String(i).padStart(4, '0')}`)].join('\n');
    expect(() => checkCsv(long, new Set())).toThrow(/at most 10000/);
  });
});
