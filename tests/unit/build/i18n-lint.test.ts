import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** A component with every kind of string the rule must tell apart, linted with the repo's own config. */
const PROBE = `
export function Probe({ n }: { n: number }) {
  return (
    <div className="probe" data-testid="probe" role="status" id="x">
      Hello there
      <button type="button" aria-label="Close it" title={\`Remove \${n}\`} onClick={() => undefined}>
        {n > 1 ? 'Many' : 'One'}
      </button>
      <input placeholder="Type here" name="query" />
      <img alt="A photo" src="x.png" />
      <span>{n > 99 ? '99+' : n} · —</span>
    </div>
  );
}
`;

/**
 * The probes are files that do not exist, which the type-aware rules' project service cannot
 * type (a parsing error, no findings at all): those rules are off for them, the rest is the repo's config.
 */
const untyped = {
  languageOptions: { parserOptions: { projectService: false, project: null } },
  rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
} as const;
const lint = (text: string, filePath: string) => new ESLint({ cwd: process.cwd(), overrideConfig: untyped }).lintText(text, { filePath });

async function literalFindings(filePath: string): Promise<number[]> {
  const [result] = await lint(PROBE, filePath);
  expect(result?.messages.filter((m) => m.fatal)).toEqual([]);
  return (result?.messages ?? []).filter((m) => m.ruleId === 'i18next/no-literal-string').map((m) => m.line);
}

describe('i18next/no-literal-string in renderer components', () => {
  it('flags text and the attributes people read, not class names, roles, ids or punctuation', async () => {
    const lines = await literalFindings('renderer/src/components/Probe.tsx');
    // 4: the div holding "Hello there"; 6: aria-label and title; 7: both branches; 9: placeholder; 10: alt.
    expect([...new Set(lines)].sort((a, b) => a - b)).toEqual([4, 6, 7, 9, 10]);
  });

  it('leaves tests alone (they assert English text on purpose)', async () => {
    expect(await literalFindings('renderer/src/components/Probe.test.tsx')).toEqual([]);
  });
});

/** A renderer module with the messages the rule must catch and the strings it must leave alone. */
const MODULE_PROBE = `
declare const fail: (message: string, field?: string) => unknown;
declare const setConnection: (status: string, message?: string) => void;
declare const i18n: { t: (key: string, params?: object) => string };
declare const warn: (what: string) => void;
export function probe(name: string, e: Error) {
  fail('Name is required', 'name');
  setConnection('error', \`Couldn’t start the client: \${e.message}\`);
  const error = new Error('This conversation is no longer available');
  fail(i18n.t('errors.nameRequired'), 'name');
  console.warn('[session] shutdown failed', e);
  warn('listing conversations');
  const el = document.querySelector('.inbox-row [data-sid]');
  const kind = name.startsWith('image/') ? 'photo' : 'file';
  return [error, el, kind, 'is-selected', 'conversation:added', 'application/pdf', \`\${name}-draft\`, '·'];
}
`;

async function moduleFindings(filePath: string): Promise<{ line: number; severity: number }[]> {
  const [result] = await lint(MODULE_PROBE, filePath);
  expect(result?.messages.filter((m) => m.fatal)).toEqual([]);
  return (result?.messages ?? []).filter((m) => m.ruleId === 'i18next/no-literal-string').map((m) => ({ line: m.line, severity: m.severity }));
}

describe('i18next/no-literal-string in renderer modules (.ts)', () => {
  it('flags sentences an agent reads (fail, setConnection, new Error), not keys, logs, selectors, ids or MIME types', async () => {
    const findings = await moduleFindings('renderer/src/sdk/actions/probe.ts');
    // 7: fail('Name is required'); 8: the template given to setConnection; 9: new Error('…').
    expect(findings).toEqual([
      { line: 7, severity: 2 },
      { line: 8, severity: 2 },
      { line: 9, severity: 2 },
    ]);
  });

  it('checks stores and selectors too, and leaves tests alone', async () => {
    expect((await moduleFindings('renderer/src/store/probe.ts')).map((f) => f.line)).toEqual([7, 8, 9]);
    expect(await moduleFindings('renderer/src/sdk/actions/probe.test.ts')).toEqual([]);
  });
});
