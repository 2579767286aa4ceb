import { derive, getEdition, type Report } from '@nianbao/core';

/** Every cell that is not a total set to 0, the totals computed (the 「零报告」 of a small agency). */
export function zeroFilled(report: Report): Report {
  const cells = { ...report.cells };
  for (const def of getEdition(report.meta.edition).cells) {
    const prev = cells[def.id];
    if (!prev || def.derived) continue;
    cells[def.id] = { ...prev, value: 0, origin: 'entered' };
  }
  return derive({ ...report, cells }).report;
}
