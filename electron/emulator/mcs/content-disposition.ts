/**
 * `Content-Disposition` for a stored file name of any script (RFC 6266 with RFC 5987's
 * `filename*`): an ASCII `filename` fallback for old clients plus the exact UTF-8 name. Node
 * refuses header values outside Latin-1, which is why `写真.png` used to fail with a 500.
 */
export function contentDisposition(kind: 'inline' | 'attachment', filename: string | null): string {
  if (!filename) return kind;
  const wellFormed = filename.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  const ascii =
    wellFormed
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '') // é → e once decomposed
      .replace(/[^\x20-\x7e]|["\\%]/gu, '_')
      .trim() || 'file';
  // RFC 5987 attr-char: encodeURIComponent leaves ' ( ) * which must be encoded too.
  const encoded = encodeURIComponent(wellFormed).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Shown in the page (images, audio, video) or always downloaded. SVG can carry script, so it downloads. */
export function dispositionFor(contentType: string): 'inline' | 'attachment' {
  const type = contentType.toLowerCase();
  if (type === 'image/svg+xml') return 'attachment';
  return /^(image|audio|video)\//.test(type) ? 'inline' : 'attachment';
}

/** `type/subtype` as RFC 9110 tokens: anything else cannot be sent back as a Content-Type header. */
export const MEDIA_TYPE = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/i;
