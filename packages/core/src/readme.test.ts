import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as core from './index.js';
import {
  createEmptyReport,
  derive,
  fillBlanks,
  setCell,
  suggestFixes,
  summarize,
  validate,
} from './index.js';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The code block of a README under `heading` (the first block when none), run as written: its
 * import of the core package's names bound to this package's own exports, what it logs collected. `returns` names
 * variables of the block to hand back.
 */
function runBlock(file: string, heading: string | undefined, returns: string[]) {
  const text = readFileSync(join(here, file), 'utf8');
  const from = heading ? text.indexOf(heading) : 0;
  expect(from, `${file}: ${heading}`).toBeGreaterThanOrEqual(0);
  const m = /```ts\n([\s\S]*?)```/.exec(text.slice(from));
  const code = m![1]!;
  const imp = /import\s*\{([^}]*)\}\s*from\s*'@nianbao\/core';/.exec(code)!;
  const names = imp[1]!
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const n of names) expect(core, `${n} is exported`).toHaveProperty(n);
  const body = code.replace(imp[0], '');
  const logged: string[] = [];
  const log = (...a: unknown[]) =>
    logged.push(a.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(' '));
  const out = new Function(...names, 'console', `${body}\nreturn { ${returns.join(', ')} };`)(
    ...names.map((n) => (core as Record<string, unknown>)[n]),
    { log },
  ) as Record<string, unknown>;
  return { code, logged, out };
}

describe('README examples, run as written', () => {
  it('the root README’s ten lines: the typo found, its own fix first (the cell just typed), the rate', () => {
    const { code, logged, out } = runBlock('../../../README.md', '## `@nianbao/core` in ten lines', [
      'fix',
      'report',
    ]);
    // every finding line the README quotes is printed, as quoted
    const quoted = [...code.matchAll(/^\/\/ (error|warning|info) (.*?)(?: …)?$/gm)].map(
      (q) => `${q[1]} ${q[2]}`,
    );
    expect(quoted.length).toBeGreaterThan(0);
    for (const q of quoted) expect(logged).toContain(q);
    // the fix it shows is the typo undone, and says so as the README's comment does
    const fix = out.fix as core.FixSuggestion;
    expect(fix.changes).toEqual([
      expect.objectContaining({ cell: 'applications.newReceived.naturalPerson', from: 99, to: 36 }),
    ]);
    const said = /console\.log\(fix\.reason\); \/\/ (.*?) \(/.exec(code)![1]!;
    expect(logged).toContain(said);
    expect(fix.reason).toBe(said);
    // and what the comment says of the suggestions without `recent`: eight, equally good
    const all = suggestFixes(out.report as core.Report);
    expect(code).toContain('one of eight equal suggestions');
    expect(all).toHaveLength(8);
    expect(new Set(all.map((s) => s.score)).size).toBe(1);
    expect(logged.at(-1)).toContain('"key":"grantedRate"');
  });

  it('packages/core/README.md: the first example runs (no undefined `previous`)', () => {
    const { logged, out } = runBlock('../README.md', undefined, ['findings', 'previous']);
    expect((out.previous as core.Report).meta.year).toBe(2024);
    expect(Array.isArray(out.findings)).toBe(true);
    expect(logged.length).toBeGreaterThan(0);
  });
});

describe('README example (a new report)', () => {
  it('finds the 勾稽 error, suggests the fix and summarises', () => {
    let report = createEmptyReport({ year: 2025, agency: '某某镇人民政府' });
    report = setCell(report, 'applications.newReceived.naturalPerson', 12);
    report = setCell(report, 'applications.granted.naturalPerson', 10);
    report = derive(fillBlanks(report)).report;
    const errors = validate(report).filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.message)).toContain(
      '表三 自然人列：本年新收（12）加上年结转（0）为 12，而本年度办理结果（七）总计（10）加结转下年度继续办理（0）为 10，两者应相等',
    );
    const [fix] = suggestFixes(report);
    expect(fix!.changes.length).toBe(1);
    expect(
      validate(derive(setCell(report, fix!.changes[0]!.cell, fix!.changes[0]!.to)).report).filter(
        (f) => f.ruleId === 'T3-B' && f.status === 'failed',
      ).length,
    ).toBeLessThan(2);
    expect(summarize(report).indicators.find((i) => i.key === 'grantedRate')!.value).toBe(1);
  });
});
