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

async function literalFindings(filePath: string): Promise<number[]> {
  const [result] = await new ESLint({ cwd: process.cwd() }).lintText(PROBE, { filePath });
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
