import { Icon } from './Icon';
import { initials, phoneTail } from './format';

/** Stable hue per name so the same customer always gets the same colour. */
function hue(name: string): number {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) % 360;
  return h;
}

/**
 * Initials, or for a contact known only by number its last two digits with a phone badge (the
 * first digits are the country code, the same "44" on every British customer).
 */
export function Avatar({ name, size = 36 }: { name: string; size?: number }) {
  const tail = phoneTail(name);
  return (
    <span
      className={`avatar${tail !== null ? ' avatar-phone' : ''}`}
      aria-hidden="true"
      data-phone={tail !== null ? 'true' : undefined}
      style={{ width: size, height: size, fontSize: size * 0.38, ['--avatar-hue' as string]: hue(name) }}
    >
      {tail ?? initials(name)}
      {tail !== null && (
        <span className="avatar-badge">
          <Icon name="phone" size={Math.max(10, Math.round(size * 0.34))} />
        </span>
      )}
    </span>
  );
}
