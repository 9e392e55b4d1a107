/**
 * The catalogues stay in step: every language has exactly English's keys, the plural forms its
 * grammar needs (Intl.PluralRules), and the same {{variables}}; every English key is used by code.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUES } from '../../../shared/i18n/catalogues';
import { LANGUAGES, type Language } from '../../../shared/i18n/languages';

const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(tree: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  for (const [key, value] of Object.entries(tree as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else flatten(value, path, out);
  }
  return out;
}

/** Base key → its strings (one per plural form, or just one). */
function byBaseKey(language: Language): Map<string, Map<string, string>> {
  const grouped = new Map<string, Map<string, string>>();
  for (const [key, text] of flatten(CATALOGUES[language])) {
    const base = key.replace(PLURAL, '');
    const form = PLURAL.exec(key)?.[1] ?? '';
    if (!grouped.has(base)) grouped.set(base, new Map());
    grouped.get(base)!.set(form, text);
  }
  return grouped;
}

const variables = (text: string) => [...text.matchAll(/{{\s*([\w.]+)\s*(?:,[^}]*)?}}/g)].map((m) => m[1]).sort();

const english = byBaseKey('en');

describe.each(LANGUAGES.filter((l) => l !== 'en'))('%s catalogue', (language) => {
  const catalogue = byBaseKey(language);

  it('has every key English has, and none that English lacks', () => {
    const missing = [...english.keys()].filter((k) => !catalogue.has(k));
    const extra = [...catalogue.keys()].filter((k) => !english.has(k));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it('has exactly the plural forms the language needs', () => {
    const needed = new Intl.PluralRules(language).resolvedOptions().pluralCategories.slice().sort();
    const wrong: string[] = [];
    for (const [base, forms] of catalogue) {
      const plural = english.get(base)?.has('other') ?? false;
      const have = [...forms.keys()].sort();
      if (plural ? JSON.stringify(have) !== JSON.stringify(needed) : have.join() !== '') wrong.push(`${base}: ${have.join(', ')}`);
    }
    expect(wrong).toEqual([]);
  });

  it('uses the same {{variables}} as English', () => {
    const names = (forms: Map<string, string> | undefined) => [...new Set([...(forms?.values() ?? [])].flatMap(variables))].sort().join(', ');
    const mismatched = [...english]
      .filter(([base, forms]) => names(catalogue.get(base)) !== names(forms))
      .map(([base, forms]) => `${base}: {${names(catalogue.get(base))}} instead of {${names(forms)}}`);
    expect(mismatched).toEqual([]);
  });
});

describe('English catalogue', () => {
  it('has plural forms one and other wherever it has any', () => {
    const wrong = [...english].filter(([, forms]) => forms.size > 1 && [...forms.keys()].sort().join() !== 'one,other').map(([k]) => k);
    expect(wrong).toEqual([]);
  });

  it('has no key that no code uses', () => {
    const roots = ['renderer/src', 'electron/main', 'shared'];
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) return walk(path);
        return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
      });
    const files = roots.flatMap(walk);
    const source = files.map((f) => readFileSync(f, 'utf8')).join('\n');
    // A key is used when it appears quoted, or when a template builds keys under its prefix (`channel.${c.channel}`).
    const used = (key: string) => {
      if ([`'${key}'`, `"${key}"`, `\`${key}\``].some((q) => source.includes(q))) return true;
      const parts = key.split('.');
      return parts.slice(1).some((_, i) => source.includes(`\`${parts.slice(0, i + 1).join('.')}.\${`));
    };
    expect([...english.keys()].filter((k) => !used(k))).toEqual([]);
  });
});
