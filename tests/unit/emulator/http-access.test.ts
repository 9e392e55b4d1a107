import { describe, expect, it } from 'vitest';
import { hostError, normalizeOrigin, originAllowed } from '../../../electron/emulator/http/access';
import { contentDisposition, dispositionFor } from '../../../electron/emulator/mcs/content-disposition';

describe('Host rule', () => {
  it.each(['127.0.0.1:4000', 'localhost:4000', 'LOCALHOST:4000'])('accepts %s', (host) => expect(hostError(host, 4000)).toBeNull());
  it.each([
    ['127.0.0.1:4001', 403],
    ['127.0.0.1', 403],
    ['evil.example:4000', 403],
    ['[::1]:4000', 403],
    ['a b', 400],
    ['', 400],
    [undefined, 400],
    ['127.0.0.1:4000/x', 400],
  ] as const)('refuses %j with %i', (host, status) => expect(hostError(host, 4000)?.status).toBe(status));
});

describe('origins', () => {
  it('normalizes http(s), custom schemes and null', () => {
    expect(normalizeOrigin('http://127.0.0.1:5173/index.html')).toBe('http://127.0.0.1:5173');
    expect(normalizeOrigin('app://desk/index.html')).toBe('app://desk');
    expect(normalizeOrigin('null')).toBe('null');
    expect(() => normalizeOrigin('not a url')).toThrow();
  });

  it('allows no Origin and listed ones only', () => {
    const rules = { allowedOrigins: ['app://desk'] };
    expect(originAllowed(undefined, rules)).toBe(true);
    expect(originAllowed('app://desk', rules)).toBe(true);
    expect(originAllowed('app://other', rules)).toBe(false);
    expect(originAllowed('null', rules)).toBe(false);
    expect(originAllowed('%%%', rules)).toBe(false);
  });
});

describe('Content-Disposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('inline', '写真.png')).toBe(`inline; filename="__.png"; filename*=UTF-8''%E5%86%99%E7%9C%9F.png`);
    expect(contentDisposition('attachment', "it's (1)*.txt")).toBe(`attachment; filename="it's (1)*.txt"; filename*=UTF-8''it%27s%20%281%29%2A.txt`);
    expect(contentDisposition('attachment', 'a\r\nSet-Cookie: x')).toBe(`attachment; filename="a__Set-Cookie: x"; filename*=UTF-8''a%0D%0ASet-Cookie%3A%20x`);
    // A lone surrogate would make encodeURIComponent throw.
    expect(contentDisposition('attachment', 'x\uD800.txt')).toBe(`attachment; filename="x_.txt"; filename*=UTF-8''x%EF%BF%BD.txt`);
    expect(contentDisposition('inline', null)).toBe('inline');
  });

  it('shows images, audio and video inline and downloads the rest (SVG too)', () => {
    expect(['image/png', 'audio/ogg', 'video/mp4', 'image/svg+xml', 'text/html', 'application/pdf'].map(dispositionFor)).toEqual([
      'inline',
      'inline',
      'inline',
      'attachment',
      'attachment',
      'attachment',
    ]);
  });
});
