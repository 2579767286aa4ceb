/**
 * Values as the source prints them: never a number the source did not print without saying so.
 * Each case is one line of a small report (the tester's reproductions, /tmp/qa-repro/ingest/hard).
 */
import { getEdition } from '@nianbao/core';
import { describe, expect, it } from 'vitest';
import { ingest } from './index.js';
import type { IngestResult } from './types.js';

const BASE_2021 = `平潭综合实验区2021年度政府信息公开工作年度报告
一、总体情况
2021年，本区主动公开信息。
二、主动公开政府信息情况
第二十条第（一）项
信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数
规章 | 0 | 0 | 0
行政规范性文件 | 69 | 3 | 665
第二十条第（五）项
信息内容 | 本年处理决定数量
行政许可 | 2293
第二十条第（六）项
信息内容 | 本年处理决定数量
行政处罚 | 1282
行政强制 | 42
第二十条第（八）项
信息内容 | 本年收费金额（单位：万元）
行政事业性收费 | 24252.311082

三、收到和处理政府信息公开申请情况
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况
自然人 | 法人或其他组织 | 总计
商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他
一、本年新收政府信息公开申请数量 | 64 | 0 | 0 | 2 | 0 | 4 | 70
二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0
三、本年度办理结果 | （一）予以公开 | 27 | 0 | 0 | 2 | 0 | 1 | 30
（二）部分公开（区分处理的，只计这一情形，不计其他情形） | 5 | 0 | 0 | 0 | 0 | 0 | 5
（三）不予公开 | 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0
2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0
3.危及“三安全一稳定” | 0 | 0 | 0 | 0 | 0 | 0 | 0
4.保护第三方合法权益 | 0 | 0 | 0 | 0 | 0 | 0 | 0
5.属于三类内部事务信息 | 1 | 0 | 0 | 0 | 0 | 0 | 1
6.属于四类过程性信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0
7.属于行政执法案卷 | 6 | 0 | 0 | 0 | 0 | 0 | 6
8.属于行政查询事项 | 1 | 0 | 0 | 0 | 0 | 0 | 1
（四）无法提供 | 1.本机关不掌握相关政府信息 | 22 | 0 | 0 | 0 | 0 | 3 | 25
2.没有现成信息需要另行制作 | 0 | 0 | 0 | 0 | 0 | 0 | 0
3.补正后申请内容仍不明确 | 0 | 0 | 0 | 0 | 0 | 0 | 0
（五）不予处理 | 1.信访举报投诉类申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0
2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0
3.要求提供公开出版物 | 0 | 0 | 0 | 0 | 0 | 0 | 0
4.无正当理由大量反复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0
5.要求行政机关确认或重新出具已获取信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0
（六）其他处理 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0
2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0
3.其他 | 1 | 0 | 0 | 0 | 0 | 0 | 1
（七）总计 | 63 | 0 | 0 | 2 | 0 | 4 | 69
四、结转下年度继续办理 | 1 | 0 | 0 | 0 | 0 | 0 | 1

四、政府信息公开行政复议、行政诉讼情况
行政复议 | 行政诉讼
结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉
结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计
1 | 0 | 2 | 0 | 3 | 12 | 0 | 0 | 0 | 12 | 0 | 0 | 0 | 0 | 0
五、存在的主要问题及改进情况
无。
六、其他需要报告的事项
无。
`;

/** A 2019-trial report, 表二 only (with its 第二十条第（九）项 block). */
const BASE_2019 = `示例县人民政府2019年政府信息公开工作年度报告
一、总体情况
2019年，本县主动公开信息。
二、主动公开政府信息情况
第二十条第（一）项
信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量
规章 | 0 | 0 | 0
规范性文件 | 6 | 6 | 36
第二十条第（五）项
信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量
行政许可 | 10 | -2 | 30
其他对外管理服务事项 | 0 | 0 | 0
第二十条第（六）项
信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量
行政处罚 | 4 | 0 | 12
行政强制 | 0 | 0 | 0
第二十条第（八）项
信息内容 | 上一年项目数量 | 本年增/减
行政事业性收费 | 0 | 0
第二十条第（九）项
信息内容 | 采购项目数量 | 采购总金额
政府集中采购 | 6 | 25.1
三、收到和处理政府信息公开申请情况
`;

/** The report with one line replaced (the line that starts with `start`). */
function withLine(base: string, start: string, line: string): string {
  const lines = base.split('\n');
  const i = lines.findIndex((l) => l.startsWith(start));
  if (i < 0) throw new Error(`no line ${start}`);
  lines[i] = line;
  return lines.join('\n');
}

const value = (r: IngestResult, id: string) => r.report.cells[id]?.value;
/** 表三's columns as the edition lists them (自然人 … 其他, 总计). */
const T3_COLUMNS = getEdition('2021').tables.applications.columns.map((c) => c.key);
const row = (r: IngestResult, key: string) => T3_COLUMNS.map((c) => value(r, `applications.${key}.${c}`));
const codes = (r: IngestResult) => r.diagnostics.issues.map((i) => i.code);
const issue = (r: IngestResult, code: string) => r.diagnostics.issues.find((i) => i.code === code);

describe('a row one number short: a missing 总计 is never invented while another reading fits', () => {
  const line = '（七）总计 | 63 | 0 | 0 | 20 | 4 | 69';

  it('h09b: 「20」 is 2|0 (the reading using every printed number), not a total of 156', async () => {
    const r = await ingest(withLine(BASE_2021, '（七）总计', line));
    expect(row(r, 'resultTotal')).toEqual([63, 0, 0, 2, 0, 4, 69]);
    expect(r.report.cells['applications.resultTotal.total']!.origin).toBe('imported');
    expect(codes(r)).not.toContain('CELL_INFERRED');
    // both readings are named, with the printed row
    const chosen = issue(r, 'DIGITS_SPLIT_CHOSEN')!;
    expect(chosen.message).toContain('63 | 0 | 0 | 20 | 4 | 69');
    expect(chosen.message).toContain('63|0|0|20|4|69|156');
  });

  it('h09b: when the columns cannot tell the readings apart, the row is left unread with an error naming it', async () => {
    // the rows the column identities need are blank: nothing to choose by
    let text = withLine(BASE_2021, '（七）总计', line);
    text = withLine(
      text,
      '三、本年度办理结果',
      '三、本年度办理结果 | （一）予以公开 | — | — | — | — | — | — | —',
    );
    text = withLine(text, '四、结转下年度继续办理', '四、结转下年度继续办理 | — | — | — | — | — | — | —');
    const r = await ingest(text);
    expect(row(r, 'resultTotal')).toEqual(new Array(7).fill(undefined));
    const err = issue(r, 'DIGITS_SPLIT_AMBIGUOUS')!;
    expect(err.severity).toBe('error');
    expect(err.message).toContain('（七）总计');
    expect(err.message).toContain('63 | 0 | 0 | 20 | 4 | 69');
  });

  it('a row of zeros one short still infers its 0 total, and says the number is inferred, not printed', async () => {
    const r = await ingest(withLine(BASE_2021, '2.重复申请', '2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0'));
    expect(row(r, 'notProcessed_repeat')).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(issue(r, 'CELL_INFERRED')!.message).toContain('推算');
  });
});

describe('a cell that does not print a number holds its column: the other digits are never re-cut', () => {
  it.each([
    ['h15b', '665件（含）'],
    ['h15c', '约665'],
    ['h01c', '6,65'],
  ])(
    '%s: 行政规范性文件 | 69 | 3 | %s → 69, 3, and the third cell unread, quoted',
    async (_name, printed) => {
      const r = await ingest(withLine(BASE_2021, '行政规范性文件', `行政规范性文件 | 69 | 3 | ${printed}`));
      expect(value(r, 'activeDisclosure.normativeDocs.made')).toBe(69);
      expect(value(r, 'activeDisclosure.normativeDocs.repealed')).toBe(3);
      expect(r.report.cells['activeDisclosure.normativeDocs.valid']).toBeUndefined();
      expect(codes(r)).not.toContain('DIGITS_SPLIT');
      const e = issue(r, 'CELL_UNREADABLE')!;
      expect(e.cell).toBe('activeDisclosure.normativeDocs.valid');
      expect(e.message).toContain(`「${printed}」`);
      expect(e.message).toContain('现行有效件数');
    },
  );
});

describe('a row with one value too many: the value removed is the one the row sum says', () => {
  it('h10b: 6 | 0 | 0 | 9 | 0 | 0 | 0 | 6 drops the 9 in the middle', async () => {
    const r = await ingest(
      withLine(BASE_2021, '7.属于行政执法案卷', '7.属于行政执法案卷 | 6 | 0 | 0 | 9 | 0 | 0 | 0 | 6'),
    );
    expect(row(r, 'denied_lawEnforcementFile')).toEqual([6, 0, 0, 0, 0, 0, 6]);
    const w = issue(r, 'ROW_EXTRA_VALUES')!;
    expect(w.message).toContain('去掉「9」');
  });

  it('no removal makes the row add up: the row is unread, with an error quoting it', async () => {
    const r = await ingest(
      withLine(BASE_2021, '7.属于行政执法案卷', '7.属于行政执法案卷 | 6 | 0 | 0 | 9 | 0 | 0 | 1 | 6'),
    );
    expect(row(r, 'denied_lawEnforcementFile')).toEqual(new Array(7).fill(undefined));
    const e = issue(r, 'ROW_EXTRA_VALUES')!;
    expect(e.severity).toBe('error');
    expect(e.message).toContain('6 | 0 | 0 | 9 | 0 | 0 | 1 | 6');
  });

  it('表二 has no row sum: a fourth value in a three-column row is not read by position', async () => {
    const r = await ingest(withLine(BASE_2021, '行政规范性文件', '行政规范性文件 | 69 | 3 | 665 | 12'));
    expect(value(r, 'activeDisclosure.normativeDocs.made')).toBeUndefined();
    expect(issue(r, 'ROW_EXTRA_VALUES')!.severity).toBe('error');
  });
});

describe('a total printed as something else than a number: the message tells the truth, raw kept', () => {
  it.each([
    [
      'h15g',
      '3O',
      '三、本年度办理结果',
      '三、本年度办理结果 | （一）予以公开 | 27 | 0 | 0 | 2 | 0 | 1 | 3O',
      'granted',
      30,
    ],
    [
      'h15d',
      '7,0',
      '一、本年新收',
      '一、本年新收政府信息公开申请数量 | 64 | 0 | 0 | 2 | 0 | 4 | 7,0',
      'newReceived',
      70,
    ],
  ])(
    '%s: 总计 printed 「%s」 → recorded as inferred from the row sum, saying so',
    async (_n, raw, start, line, key, v) => {
      const r = await ingest(withLine(BASE_2021, start, line));
      const cell = r.report.cells[`applications.${key}.total`]!;
      expect(cell).toMatchObject({ value: v, origin: 'inferred', raw });
      expect(codes(r)).not.toContain('CELL_INFERRED');
      const w = issue(r, 'CELL_INFERRED_FROM_TEXT')!;
      expect(w.message).toContain(`「${raw}」`);
      expect(w.message).toContain('无法读作数字');
      expect(w.message).not.toContain('提取时丢失');
      expect(r.diagnostics.cells[`applications.${key}.total`]!.raw).toBe(raw);
    },
  );

  it('printed digits that disagree with the row sum (「8O」 where the columns add up to 30): left unread', async () => {
    const r = await ingest(
      withLine(
        BASE_2021,
        '三、本年度办理结果',
        '三、本年度办理结果 | （一）予以公开 | 27 | 0 | 0 | 2 | 0 | 1 | 8O',
      ),
    );
    expect(r.report.cells['applications.granted.total']).toBeUndefined();
    expect(issue(r, 'CELL_UNREADABLE')!.message).toContain('「8O」');
  });
});

describe('the unit printed in the header of 采购总金额 (2019-trial)', () => {
  it.each([
    ['采购总金额（万元）', '万元'],
    ['采购总金额（单位：万元）', '万元'],
    ['采购总金额(元)', '元'],
    ['采购总金额', 'unknown'],
  ])('%s → %s', async (header, unit) => {
    const r = await ingest(
      withLine(BASE_2019, '信息内容 | 采购项目数量', `信息内容 | 采购项目数量 | ${header}`),
    );
    expect(r.report.meta.edition).toBe('2019-trial');
    expect(r.report.cells['activeDisclosure.centralProcurement.procurementAmount']).toMatchObject({
      value: 25.1,
      unit,
    });
  });

  it('a 单位 note in the block header counts too', async () => {
    const r = await ingest(
      withLine(BASE_2019, '信息内容 | 采购项目数量', '（单位：万元）\n信息内容 | 采购项目数量 | 采购总金额'),
    );
    expect(r.report.cells['activeDisclosure.centralProcurement.procurementAmount']!.unit).toBe('万元');
  });
});

describe('doubtful printed values are said at import', () => {
  it('h12: -42 and 12.5 in count cells, each named with its printed text', async () => {
    let text = withLine(BASE_2021, '行政处罚', '行政处罚 | 12.5');
    text = withLine(text, '行政强制', '行政强制 | -42');
    const r = await ingest(text);
    expect(value(r, 'activeDisclosure.punishment.decisions')).toBe(12.5);
    const w = r.diagnostics.issues.filter((i) => i.code === 'VALUE_DOUBTFUL');
    expect(w.map((i) => i.cell).sort()).toEqual([
      'activeDisclosure.coercion.decisions',
      'activeDisclosure.punishment.decisions',
    ]);
    expect(w.find((i) => i.cell === 'activeDisclosure.coercion.decisions')!.message).toContain('「-42」');
    expect(w.every((i) => i.severity === 'warning')).toBe(true);
  });

  it('h15a: 66.5 in a count cell', async () => {
    const r = await ingest(withLine(BASE_2021, '行政规范性文件', '行政规范性文件 | 69 | 3 | 66.5'));
    expect(issue(r, 'VALUE_DOUBTFUL')!.message).toContain('「66.5」');
  });

  it('本年增/减 may be negative: no warning', async () => {
    const r = await ingest(BASE_2019);
    expect(value(r, 'activeDisclosure.licensing.yearChange')).toBe(-2);
    expect(codes(r)).not.toContain('VALUE_DOUBTFUL');
  });

  it('h15e: 「6 9」 in one cell with no row sum: not read (it may be two numbers; typed, core refuses it too)', async () => {
    const r = await ingest(withLine(BASE_2021, '行政规范性文件', '行政规范性文件 | 6 9 | 3 | 665'));
    expect(value(r, 'activeDisclosure.normativeDocs.made')).toBeUndefined();
    const w = issue(r, 'CELL_UNREADABLE')!;
    expect(w.cell).toBe('activeDisclosure.normativeDocs.made');
    expect(w.message).toContain('「6 9」');
    expect(w.message).toContain('可能是 2 个数（6、9）');
    expect(value(r, 'activeDisclosure.normativeDocs.repealed')).toBe(3);
  });

  it('h11: 「6 4」 where the row sum shows it is one number: says so', async () => {
    const r = await ingest(
      withLine(BASE_2021, '一、本年新收', '一、本年新收政府信息公开申请数量 | 6 4 | 0 | 0 | 2 | 0 | 4 | 70'),
    );
    expect(value(r, 'applications.newReceived.naturalPerson')).toBe(64);
    const w = issue(r, 'VALUE_SPACED')!;
    expect(w.message).toContain('读为一个数 64');
    expect(w.message).toContain('总计');
  });

  it('「0 0 0」 in one cell is three zeros, not one', async () => {
    const r = await ingest(withLine(BASE_2021, '规章', '规章 | 0 0 0'));
    expect(['made', 'repealed', 'valid'].map((c) => value(r, `activeDisclosure.regulations.${c}`))).toEqual([
      0, 0, 0,
    ]);
  });
});
