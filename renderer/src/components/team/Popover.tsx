/**
 * A small non-modal panel under a header button (the assign and snooze pickers): labelled,
 * focuses its first control, closes on Escape or a click elsewhere and gives focus back.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useLatest } from '../../hooks/useLatest';

export function Popover({ label, onClose, children, className }: { label: string; onClose: () => void; children: ReactNode; className?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const latestClose = useLatest(onClose);

  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const node = ref.current;
    node?.querySelector<HTMLElement>('input, button:not([disabled])')?.focus();
    // A press on the button that opened it (the popover's parent holds both) is that button's toggle, not "elsewhere".
    const onDown = (e: MouseEvent) => {
      const anchor = ref.current?.parentElement ?? ref.current;
      if (anchor && !anchor.contains(e.target as Node)) latestClose.current();
    };
    document.addEventListener('mousedown', onDown);
    return () => {
      document.removeEventListener('mousedown', onDown);
      // Back to the button that opened it, unless the agent has clicked somewhere else since.
      const now = document.activeElement;
      if (before?.isConnected && (now === null || now === document.body || node?.contains(now))) before.focus();
    };
  }, [latestClose]);

  return (
    <div
      ref={ref}
      role="dialog"
      aria-label={label}
      className={`team-popover${className ? ` ${className}` : ''}`}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        // Escape closes the panel only, not the thread (the inbox's Escape listens on the window).
        e.stopPropagation();
        latestClose.current();
      }}
    >
      {children}
    </div>
  );
}
