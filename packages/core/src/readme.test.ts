import { describe, expect, it } from 'vitest';
import {
  createEmptyReport,
  derive,
  fillBlanks,
  setCell,
  suggestFixes,
  summarize,
  validate,
} from './index.js';

// The example of the root README, run as written: what it promises must stay true.
describe('README example', () => {
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
