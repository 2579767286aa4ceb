import { createEmptyReport, derive, exampleReport, setCell, summarize } from '@nianbao/core';
import { describe, expect, it } from 'vitest';
import { blankCauses, doubtfulReports } from './rollupQuality';

describe('what a roll-up rests on', () => {
  it('names the summed reports with open errors or a doubtful money unit', () => {
    const ok = exampleReport({ year: 2024 });
    const yuan = setCell(ok, 'activeDisclosure.adminFees.feeAmount' as never, 203000);
    const doubts = doubtfulReports([
      { reportId: 'a', agencyName: '甲', openFindings: { error: 0, crossYear: 0 }, report: ok },
      { reportId: 'b', agencyName: '乙', openFindings: { error: 2, crossYear: 1 }, report: ok },
    ]);
    expect(doubts).toEqual([{ reportId: 'b', agencyName: '乙', problems: ['错误 2 个', '跨年 1 个'] }]);
    // an amount far too large for 万元 (T2-3) is said with the rule's message
    const withUnit = doubtfulReports([{ reportId: 'c', agencyName: '丙', report: yuan }]);
    expect(withUnit).toHaveLength(1);
    expect(withUnit[0]!.problems[0]).toMatch(/^金额单位存疑：表二 行政事业性收费/);
  });

  it('says whose blank leaves an indicator of the sum blank', () => {
    const full = exampleReport({ year: 2024 });
    const blank = derive(createEmptyReport({ year: 2024, agency: '东山乡人民政府' })).report;
    const ind = summarize(blank).indicators.find((i) => i.value === null && i.numeratorCells.length)!;
    expect(ind).toBeDefined();
    expect(
      blankCauses(ind, [
        { reportId: 'a', agencyName: '城关镇', report: full },
        { reportId: 'b', agencyName: '东山乡人民政府', report: blank },
      ]),
    ).toEqual(['东山乡人民政府']);
    const filled = summarize(full).indicators.find((i) => i.key === ind.key)!;
    expect(blankCauses(filled, [{ reportId: 'a', agencyName: '城关镇', report: full }])).toEqual([]);
  });
});
