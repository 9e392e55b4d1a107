/**
 * Puts text on the clipboard. The desktop bridge has no clipboard of its own: the web API works in
 * the app's window (main's permission handler allows `clipboard-sanitized-write`) and in a browser
 * tab; where it is refused (an unfocused page, an old engine) the selection-copy command is tried.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Fall through to the selection copy.
  }
  return copyBySelection(text);
}

function copyBySelection(text: string): boolean {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  const before = document.activeElement as HTMLElement | null;
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try {
    // Deprecated, but the only synchronous fallback browsers still honour.
    ok = typeof document.execCommand === 'function' && document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  before?.focus();
  return ok;
}
