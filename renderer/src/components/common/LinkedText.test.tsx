import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LinkedText } from './LinkedText';
import { linkParts } from './links';

describe('LinkedText', () => {
  it('makes web, e-mail and phone links clickable, opening outside the app', () => {
    render(
      <p>
        <LinkedText text="Track it at https://example.com/t?id=7, mail help@example.com or call tel:+15005550006." />
      </p>,
    );
    const web = screen.getByRole('link', { name: 'https://example.com/t?id=7' });
    expect(web.getAttribute('href')).toBe('https://example.com/t?id=7');
    expect(web.getAttribute('target')).toBe('_blank');
    expect(web.getAttribute('rel')).toBe('noopener noreferrer');
    expect(screen.getByRole('link', { name: 'help@example.com' }).getAttribute('href')).toBe('mailto:help@example.com');
    expect(screen.getByRole('link', { name: 'tel:+15005550006' }).getAttribute('href')).toBe('tel:+15005550006');
  });

  it('adds https to bare addresses and leaves sentence punctuation out of the link', () => {
    expect(linkParts('See www.twilio.com.')).toEqual([
      { text: 'See ', href: null },
      { text: 'www.twilio.com', href: 'https://www.twilio.com' },
      { text: '.', href: null },
    ]);
  });

  it('never links unsafe schemes, and keeps the text as it was', () => {
    const text = 'javascript:alert(1) file:///etc/passwd order #2001';
    expect(linkParts(text)).toEqual([{ text, href: null }]);
    const { container } = render(<LinkedText text={text} />);
    expect(container.querySelector('a')).toBeNull();
    expect(container.textContent).toBe(text);
  });

  it('finds the same links with or without the shortcut for text that has none', () => {
    for (const text of ['Thanks, that helps!', 'Done: the courier has it. See you', 'go to localhost now', 'mail a@b.co', 'at 10.0.0.1 or skype:me', 'ｗｗｗ.example.com', 'e.g. this']) {
      const joined = linkParts(text).map((p) => p.text).join('');
      expect(joined).toBe(text);
    }
    expect(linkParts('Thanks, that helps!')).toEqual([{ text: 'Thanks, that helps!', href: null }]);
    expect(linkParts('Done: the courier has it.')).toEqual([{ text: 'Done: the courier has it.', href: null }]);
    expect(linkParts('go to localhost now').some((p) => p.href !== null)).toBe(true);
    expect(linkParts('see example.org today').some((p) => p.href !== null)).toBe(true);
    expect(linkParts('ｗｗｗ.example.com').some((p) => p.href !== null)).toBe(true);
  });
});
