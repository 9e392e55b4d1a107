import { initials } from './format';

/** Stable hue per name so the same customer always gets the same colour. */
function hue(name: string): number {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) % 360;
  return h;
}

export function Avatar({ name, size = 36 }: { name: string; size?: number }) {
  return (
    <span
      className="avatar"
      aria-hidden="true"
      style={{ width: size, height: size, fontSize: size * 0.38, ['--avatar-hue' as string]: hue(name) }}
    >
      {initials(name)}
    </span>
  );
}
