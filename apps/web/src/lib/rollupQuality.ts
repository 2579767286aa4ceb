import { type CellId, type Finding, type Indicator, type Report, validate } from '@nianbao/core';

/** Rules about a money amount's unit (元 or 万元): a sum of amounts in two units is wrong. */
export const UNIT_RULES: ReadonlySet<string> = new Set(['T2-3', 'T2-7']);

export interface IncludedReport {
  readonly reportId: string;
  readonly agencyName: string;
  /** The server's open counts (after triage). */
  readonly openFindings?: { readonly error: number; readonly crossYear: number };
  readonly report?: Report;
}

export interface Doubt {
  readonly reportId: string;
  readonly agencyName: string;
  /** 「错误 2 个」「跨年 1 个」「收费金额单位存疑」… */
  readonly problems: readonly string[];
}

/** The reports summed that still have open errors or a doubtful unit: the sum rests on them. */
export function doubtfulReports(included: readonly IncludedReport[]): Doubt[] {
  const out: Doubt[] = [];
  for (const i of included) {
    const problems: string[] = [];
    const f = i.openFindings;
    if (f && f.error > 0) problems.push(`错误 ${f.error} 个`);
    if (f && f.crossYear > 0) problems.push(`跨年 ${f.crossYear} 个`);
    if (i.report) {
      const unit = validate(i.report).filter(
        (x: Finding) => x.status === 'failed' && UNIT_RULES.has(x.ruleId),
      );
      if (unit.length) problems.push(`金额单位存疑：${unit.map((u) => u.message).join('；')}`);
    }
    if (problems.length) out.push({ reportId: i.reportId, agencyName: i.agencyName, problems });
  }
  return out;
}

/** The agencies whose blank cells leave an indicator of the sum blank (「东山乡人民政府」), in order. */
export function blankCauses(ind: Indicator, included: readonly IncludedReport[]): string[] {
  const cells: readonly CellId[] = [...ind.numeratorCells, ...ind.denominatorCells];
  if (ind.value !== null || !cells.length) return [];
  return included
    .filter((i) => i.report && cells.some((c) => typeof i.report!.cells[c]?.value !== 'number'))
    .map((i) => i.agencyName);
}
