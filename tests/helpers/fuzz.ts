/** Small, seeded generators of hostile input: the same seed gives the same cases on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;

/** Strings a form field or query parameter may carry. */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  'null',
  'undefined',
  '[]',
  '{}',
  '[1,2]',
  '"a string"',
  '{"a":',
  '{"deep":' + '['.repeat(500) + ']'.repeat(500) + '}',
  JSON.stringify({ big: 'x'.repeat(17 * 1024) }),
  'x'.repeat(300),
  'x'.repeat(1601),
  '%',
  '%E0%A4%A',
  '\u0000',
  '\ud800',
  '💥'.repeat(3),
  '-1',
  '0',
  '1e309',
  'NaN',
  '99999999999999999999',
  '+15005550006',
  'whatsapp:+14155238886',
  'whatsapp:',
  'CH' + '0'.repeat(32),
  'ME' + '0'.repeat(32),
  'MB' + '0'.repeat(32),
  'IM' + '0'.repeat(32),
  '2024-13-45T99:99:99Z',
  '../../etc/passwd',
  'alice',
];

/** JSON values a tunnelled body field may carry. */
export const HOSTILE_VALUES: readonly unknown[] = [
  undefined,
  null,
  true,
  0,
  -1,
  1.5,
  Number.MAX_SAFE_INTEGER + 2,
  [],
  [null],
  [1, 'ME' + '0'.repeat(32)],
  {},
  { address: null },
  { address: 7, proxy_address: [] },
  ...HOSTILE_STRINGS,
];
