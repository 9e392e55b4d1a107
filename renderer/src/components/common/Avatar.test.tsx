import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Avatar } from './Avatar';
import { phoneTail } from './format';

describe('Avatar', () => {
  it('shows a number-only contact by its last two digits with a phone badge, not the country code', () => {
    const { container } = render(<Avatar name="+44 7700 900123" />);
    const avatar = container.querySelector('.avatar') as HTMLElement;
    expect(avatar.textContent).toBe('23');
    expect(avatar.dataset.phone).toBe('true');
    expect(avatar.querySelector('.avatar-badge svg')).not.toBeNull();
  });

  it('keeps initials for names, even ones with digits in them', () => {
    const { container } = render(<Avatar name="Jack Wilson" />);
    expect(container.querySelector('.avatar')?.textContent).toBe('JW');
    expect(container.querySelector('.avatar-badge')).toBeNull();
    expect(phoneTail('Order #2001 – Ana Lima')).toBeNull();
  });

  it('reads WhatsApp addresses and national formats as numbers', () => {
    expect(phoneTail('whatsapp:+5511912345678')).toBe('78');
    expect(phoneTail('(415) 555-0134')).toBe('34');
    expect(phoneTail('+44')).toBeNull();
  });
});
