import { memo } from 'react';
import { linkParts } from './links';

/**
 * Text with its links clickable. They open outside the app: in Electron main's window-open
 * handler passes them to shell.openExternal after its own scheme check (electron/main/window.ts);
 * in a browser they open in a new tab with no reference back to the desk.
 */
export const LinkedText = memo(function LinkedText({ text }: { text: string }) {
  const parts = linkParts(text);
  if (parts.length === 1 && parts[0]?.href === null) return <>{text}</>;
  return (
    <>
      {parts.map((p, i) =>
        p.href === null ? (
          p.text
        ) : (
          <a key={i} href={p.href} target="_blank" rel="noopener noreferrer" className="message-link">
            {p.text}
          </a>
        ),
      )}
    </>
  );
});
