/** "You, Ana Lima and Bob" in the window's language (Intl.ListFormat), for who reacted. */
const formats = new Map<string, Intl.ListFormat>();

export function listFormat(language: string, names: readonly string[]): string {
  let f = formats.get(language);
  if (!f) {
    try {
      f = new Intl.ListFormat(language, { style: 'long', type: 'conjunction' });
    } catch {
      f = new Intl.ListFormat('en', { style: 'long', type: 'conjunction' });
    }
    formats.set(language, f);
  }
  return f.format(names);
}
