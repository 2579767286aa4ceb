import { parseReport } from '@nianbao/core';
import { describe, expect, it } from 'vitest';
import { ingestSync } from './index.js';

// A control character or a bidi override carried by a document (a PDF's stray NUL, U+202E in a web
// page): nobody can see or remove it in the source. The importer removes it and says so, so that what
// it reads is a report core's parseReport takes (it refuses them in text typed or sent).
describe('control characters and bidi overrides in a document', () => {
  const doc = (junk: string) =>
    [
      '示例县教育局2025年政府信息公开工作年度报告',
      '一、总体情况',
      `2025年，本局认真落实${junk}条例，主动公开政府信息。`,
      '五、存在的主要问题及改进情况',
      `人员不足${junk}。`,
    ].join('\n');

  for (const [name, junk] of [
    ['NUL', '\u0000'],
    ['SOH', '\u0001'],
    ['ESC', '\u001b'],
    ['RLO', '\u202e'],
    ['FSI', '\u2068'],
  ] as const)
    it(`${name}: removed from the text, said per field, and the report parses`, () => {
      const r = ingestSync(doc(junk), { kind: 'text' });
      const texts = JSON.stringify(r.report.sections);
      expect(texts).not.toContain(junk);
      // the words around it kept (SOH is read as a space before: nothing left to say)
      expect(texts).toMatch(/本局认真落实 ?条例/);
      const said = r.diagnostics.issues.filter((i) => i.code === 'CHARS_REMOVED');
      if (junk !== '\u0001') expect(said.length).toBeGreaterThanOrEqual(1);
      expect(said.every((i) => i.severity === 'warning' && /删去了 \d+ 个/.test(i.message))).toBe(true);
      expect(parseReport(JSON.parse(JSON.stringify(r.report))).ok).toBe(true);
    });

  it('a document without them: no such diagnostic', () => {
    const r = ingestSync(doc(''), { kind: 'text' });
    expect(r.diagnostics.issues.some((i) => i.code === 'CHARS_REMOVED')).toBe(false);
  });
});
