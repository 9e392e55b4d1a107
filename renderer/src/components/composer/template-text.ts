/**
 * Filling a template's `{{1}}`, `{{name}}` placeholders the way Twilio's Content API does: each
 * placeholder is replaced by its variable's value. Pure, for the live preview.
 */
export type TextPart = { text: string } | { variable: string; value: string | null };

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/** The text cut at its placeholders; a variable without a value keeps `value: null` (shown as a gap). */
export function fillParts(text: string, values: Readonly<Record<string, string>>): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    const at = m.index;
    if (at > last) parts.push({ text: text.slice(last, at) });
    const name = m[1] ?? '';
    const value = values[name]?.trim() ?? '';
    parts.push({ variable: name, value: value === '' ? null : value });
    last = at + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

export function fillText(text: string, values: Readonly<Record<string, string>>): string {
  return fillParts(text, values)
    .map((p) => ('text' in p ? p.text : (p.value ?? `{{${p.variable}}}`)))
    .join('');
}
